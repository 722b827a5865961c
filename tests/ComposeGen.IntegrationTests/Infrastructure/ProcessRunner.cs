using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace ComposeGen.IntegrationTests.Infrastructure;

/// <summary>What a finished command printed and how it exited.</summary>
internal sealed record ProcessResult(string Command, int ExitCode, string Output);

/// <summary>
/// Runs the server programs. Nothing here waits without a deadline: a command that overruns its timeout is killed
/// with its whole process tree and reported with what it printed.
/// </summary>
/// <remarks>
/// The output of every process is read through pipes as it comes (so a chatty server never blocks on a full pipe)
/// and kept, the last lines only, for error messages. Waiting for a process looks at its exit only, never at the
/// end of its output: a daemon it leaves behind (Erlang's epmd) may hold the pipe open forever.
/// </remarks>
internal static class ProcessRunner
{
    /// <summary>The user the tests run as is root (CI runs as root; PostgreSQL refuses to).</summary>
    public static bool IsRoot => OperatingSystem.IsLinux() && geteuid() == 0;

    /// <summary>
    /// Runs <paramref name="file"/> to completion. Throws <see cref="TimeoutException"/> after killing it when it
    /// overruns <paramref name="timeout"/>, and <see cref="InvalidOperationException"/> when it exits non-zero
    /// (unless <paramref name="check"/> is false).
    /// </summary>
    public static async Task<ProcessResult> RunAsync(
        string file,
        IEnumerable<string> arguments,
        TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null,
        string? workingDirectory = null,
        string? runAsUser = null,
        bool check = true)
    {
        using var process = Start(file, arguments, environment, workingDirectory, runAsUser, out var output);
        if (!await WaitForExitAsync(process, timeout).ConfigureAwait(false))
        {
            KillTree(process);
            throw new TimeoutException($"`{output.Command}` did not finish within {timeout.TotalSeconds:0} s and was killed. Its output:\n{output}");
        }

        // The exit is known; give the pipe readers a moment to deliver the last lines (a daemon it left may keep
        // the pipes open, so not longer than that).
        await output.WaitForEndAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        var result = new ProcessResult(output.Command, process.ExitCode, output.ToString());
        if (check && result.ExitCode != 0)
            throw new InvalidOperationException($"`{result.Command}` exited with code {result.ExitCode}. Its output:\n{result.Output}");
        return result;
    }

    /// <summary>
    /// Starts a server in the foreground under a watchdog: the server gets <paramref name="stopSignal"/> as soon as
    /// this test process closes the server's standard input, which it does to stop it (<see cref="ServerProcess.StopAsync"/>)
    /// and which the kernel does when the test process dies, however it dies (an aborted run, a CI timeout, a
    /// SIGKILL). So no server outlives the tests and holds their ports. With <paramref name="runAsUser"/> the
    /// watchdog and the server run as that user (through runuser).
    /// </summary>
    public static ServerProcess StartServer(
        string file,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        string workingDirectory,
        string? runAsUser,
        string stopSignal = "TERM")
    {
        var server = new[] { file }.Concat(arguments).ToList();
        var description = (runAsUser is null ? "" : $"runuser -u {runAsUser} -- ") + Describe(server);
        var process = Start("/bin/sh", new[] { "-c", Watchdog, "composegen-watchdog", stopSignal }.Concat(server),
            environment, workingDirectory, runAsUser, out var output, keepInputOpen: true, description);
        return new ServerProcess(process, output);
    }

    /// <summary>
    /// <c>sh -c WATCHDOG name SIGNAL PROGRAM ARGS...</c>: runs the program with /dev/null as input, reads its own
    /// input (the test process's pipe) until the end, then sends the program SIGNAL; exits with the program's status,
    /// whenever the program exits. <c>read</c> is a shell builtin, so the reader is not a process of its own.
    /// </summary>
    private const string Watchdog = """
        signal=$1; shift
        exec 3<&0 </dev/null
        "$@" 3<&- &
        server=$!
        { while read -r _; do :; done; kill -s "$signal" "$server" 2>/dev/null; } <&3 &
        watcher=$!
        exec 3<&-
        wait "$server"
        status=$?
        kill "$watcher" 2>/dev/null
        exit "$status"
        """;

    /// <summary>Starts a process; its output is kept in <paramref name="output"/>. Its input is closed at once unless <paramref name="keepInputOpen"/>.</summary>
    private static Process Start(
        string file,
        IEnumerable<string> arguments,
        IReadOnlyDictionary<string, string>? environment,
        string? workingDirectory,
        string? runAsUser,
        out OutputLog output,
        bool keepInputOpen = false,
        string? description = null)
    {
        var info = new ProcessStartInfo
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        if (runAsUser is null)
        {
            info.FileName = file;
        }
        else
        {
            // util-linux runuser: no password, no shell, keeps the environment (root only).
            info.FileName = "runuser";
            foreach (var argument in new[] { "-u", runAsUser, "--", file })
                info.ArgumentList.Add(argument);
        }

        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        if (workingDirectory is not null)
            info.WorkingDirectory = workingDirectory;
        if (environment is not null)
        {
            foreach (var (name, value) in environment)
                info.Environment[name] = value;
        }

        var log = new OutputLog(description ?? Describe(new[] { info.FileName }.Concat(info.ArgumentList)));
        var process = new Process { StartInfo = info };
        process.OutputDataReceived += (_, e) => log.Add(e.Data);
        process.ErrorDataReceived += (_, e) => log.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!keepInputOpen)
            process.StandardInput.Close();
        output = log;
        return process;
    }

    /// <summary>Whether <paramref name="process"/> exited within <paramref name="timeout"/> (its exit only, not the end of its output).</summary>
    public static async Task<bool> WaitForExitAsync(Process process, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!process.HasExited)
        {
            if (deadline.Elapsed >= timeout)
                return false;
            await Task.Delay(50).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>Kills a process and everything it started, ignoring a process that is already gone.</summary>
    public static void KillTree(Process process)
    {
        try
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Exited meanwhile.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // Exited meanwhile, or a child we may not signal.
        }
    }

    private static string Describe(IEnumerable<string> command)
        => string.Join(' ', command.Select(a => a.Length == 0 || a.Any(char.IsWhiteSpace) ? "'" + a + "'" : a));

    [DllImport("libc")]
    private static extern uint geteuid();
}

/// <summary>A server started by <see cref="ProcessRunner.StartServer"/>.</summary>
internal sealed class ServerProcess
{
    private readonly Process _process;

    public ServerProcess(Process process, OutputLog log)
    {
        _process = process;
        Log = log;
    }

    /// <summary>What the server printed last.</summary>
    public OutputLog Log { get; }

    /// <summary>Throws, with the server's output, when it has exited although it should be running.</summary>
    public void ThrowIfExited(string what)
    {
        if (_process.HasExited)
            throw new InvalidOperationException($"{what} exited with code {_process.ExitCode}. Its output:\n{Log}");
    }

    /// <summary>Closes the server's input, so its watchdog signals it, and waits for it to exit; kills it after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The watchdog is gone already.
        }

        if (!await ProcessRunner.WaitForExitAsync(_process, grace).ConfigureAwait(false))
            ProcessRunner.KillTree(_process);
        _process.Dispose();
    }
}

/// <summary>The last lines a process printed (stdout and stderr interleaved), for error messages.</summary>
internal sealed class OutputLog
{
    private const int MaxLines = 200;
    private readonly Queue<string> _lines = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _openStreams = 2;

    public OutputLog(string command) => Command = command;

    public string Command { get; }

    /// <summary>Adds a line; null is the end of one of the two streams.</summary>
    public void Add(string? line)
    {
        if (line is null)
        {
            if (Interlocked.Decrement(ref _openStreams) == 0)
                _ended.TrySetResult();
            return;
        }

        lock (_lines)
        {
            _lines.Enqueue(line);
            while (_lines.Count > MaxLines)
                _lines.Dequeue();
        }
    }

    /// <summary>Waits until both streams ended, at most <paramref name="timeout"/>.</summary>
    public async Task WaitForEndAsync(TimeSpan timeout) => await Task.WhenAny(_ended.Task, Task.Delay(timeout)).ConfigureAwait(false);

    public override string ToString()
    {
        lock (_lines)
            return _lines.Count == 0 ? "(nothing)" : string.Join('\n', _lines);
    }
}
