using System.Diagnostics;
using System.Text;
using ComposeGen.IntegrationTests.Infrastructure;
using Npgsql;

namespace ComposeGen.IntegrationTests.Servers;

/// <summary>
/// Debian's PostgreSQL (<c>apt-get install -y postgresql</c>), set up as the official postgres image sets itself up:
/// <c>initdb</c> with <c>POSTGRES_USER</c> as the superuser and <c>POSTGRES_PASSWORD</c> as its password, local
/// (socket) connections trusted and TCP ones checked with SCRAM-SHA-256, then <c>CREATE DATABASE POSTGRES_DB</c>
/// unless that is <c>postgres</c>. <c>postgres</c> runs in the foreground (as in the image), listening on the
/// published loopback address and port only, with its socket in its own temporary directory.
/// </summary>
/// <remarks>
/// PostgreSQL refuses to run as root. When the tests run as root (CI does), <c>initdb</c> and <c>postgres</c> run as
/// <c>nobody</c> through util-linux's <c>runuser</c>, in a directory <c>nobody</c> owns; otherwise as the current user.
/// </remarks>
internal sealed class PostgresServer : IServer
{
    /// <summary>The unprivileged user the server runs as when the tests run as root.</summary>
    public const string UnprivilegedUser = "nobody";

    private readonly ServerProcess _process;

    private PostgresServer(string service, ServerProcess process)
    {
        Service = service;
        _process = process;
    }

    public string Service { get; }

    /// <summary>What to install, or null when initdb and postgres are there.</summary>
    public static string? Missing()
        => FindBinDirectory() is null
            ? Prerequisites.MissingMessage("PostgreSQL", "initdb and postgres in /usr/lib/postgresql/*/bin or on PATH", "postgresql")
            : null;

    /// <summary>Debian keeps the server programs out of PATH, in /usr/lib/postgresql/MAJOR/bin: the newest there, else PATH's.</summary>
    private static string? FindBinDirectory()
    {
        static bool Complete(string directory) => File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "postgres"));

        if (Directory.Exists("/usr/lib/postgresql"))
        {
            var newest = Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => (Directory: Path.Combine(d, "bin"), Major: int.TryParse(Path.GetFileName(d), out var major) ? major : -1))
                .Where(d => Complete(d.Directory))
                .OrderByDescending(d => d.Major)
                .Select(d => d.Directory)
                .FirstOrDefault();
            if (newest is not null)
                return newest;
        }

        var initdb = Prerequisites.Find("initdb");
        return initdb is not null && Complete(Path.GetDirectoryName(initdb)!) ? Path.GetDirectoryName(initdb) : null;
    }

    public static async Task<PostgresServer> StartAsync(
        TempDirectory temp, string service, (string Address, int Port) endpoint, string user, string password, string database, Action<IServer> started)
    {
        var bin = FindBinDirectory() ?? throw new InvalidOperationException(Missing());
        if (password.Contains('\n') || password.Contains('\r'))
            throw new ArgumentException("initdb --pwfile reads one line: the password cannot hold a line break.", nameof(password));
        Loopback.RequireFree(endpoint.Address, endpoint.Port, service);

        var directory = temp.Combine(service);
        var data = Path.Combine(directory, "data");
        Directory.CreateDirectory(directory);
        var runAs = ProcessRunner.IsRoot ? UnprivilegedUser : null;
        var passwordFile = Path.Combine(directory, "password");
        await File.WriteAllTextAsync(passwordFile, password + "\n", new UTF8Encoding(false));
        if (runAs is not null)
            await ProcessRunner.RunAsync("chown", new[] { "-R", runAs, directory }, TimeSpan.FromSeconds(30));

        var environment = new Dictionary<string, string> { ["LC_ALL"] = "C", ["PGTZ"] = "UTC" };
        await ProcessRunner.RunAsync(Path.Combine(bin, "initdb"),
            new[] { "-D", data, "-U", user, "--pwfile", passwordFile, "--auth-local", "trust", "--auth-host", "scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync" },
            TimeSpan.FromMinutes(2), environment, directory, runAs);
        File.Delete(passwordFile);

        var settings = new[]
        {
            "-D", data,
            "-c", "listen_addresses=" + endpoint.Address,
            "-c", "port=" + endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c", "unix_socket_directories=" + directory,
            "-c", "fsync=off",
        };

        // SIGINT is PostgreSQL's fast shutdown (SIGTERM would wait for every client to leave).
        var process = ProcessRunner.StartServer(Path.Combine(bin, "postgres"), settings, environment, directory, runAs, stopSignal: "INT");
        var server = new PostgresServer(service, process);
        started(server);
        await Loopback.WaitUntilListeningAsync(endpoint.Address, endpoint.Port, TimeSpan.FromSeconds(60), process, $"postgres for '{service}'");

        // As the image's docker-entrypoint.sh: CREATE DATABASE :"POSTGRES_DB" unless it is postgres, over the socket.
        var socket = new NpgsqlConnectionStringBuilder
        {
            Host = directory,
            Port = endpoint.Port,
            Username = user,
            Database = "postgres",
            Pooling = false,
            Timeout = 5,
            CommandTimeout = 30,
        };
        await using var connection = await server.OpenWhenReadyAsync(socket.ConnectionString, TimeSpan.FromSeconds(60));
        if (database != "postgres")
        {
            await using var create = new NpgsqlCommand("CREATE DATABASE \"" + database.Replace("\"", "\"\"") + "\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return server;
    }

    /// <summary>Opens a connection, again while the server is still starting up (it listens before it accepts sessions).</summary>
    private async Task<NpgsqlConnection> OpenWhenReadyAsync(string connectionString, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            _process.ThrowIfExited($"postgres for '{Service}'");
            var connection = new NpgsqlConnection(connectionString);
            try
            {
                await connection.OpenAsync();
                return connection;
            }
            catch (NpgsqlException) when (clock.Elapsed < timeout)
            {
                await connection.DisposeAsync();
                await Task.Delay(200);
            }
            catch (NpgsqlException exception)
            {
                await connection.DisposeAsync();
                throw new InvalidOperationException($"postgres for '{Service}' accepted no session within {timeout.TotalSeconds:0} s. Its output:\n{_process.Log}", exception);
            }
        }
    }

    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(30));
}
