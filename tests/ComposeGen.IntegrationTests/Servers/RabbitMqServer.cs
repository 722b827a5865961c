using System.Diagnostics;
using System.Globalization;
using System.Text;
using ComposeGen.IntegrationTests.Infrastructure;

namespace ComposeGen.IntegrationTests.Servers;

/// <summary>
/// Debian's RabbitMQ (<c>apt-get install -y rabbitmq-server</c>), run as the current user straight from
/// <c>/usr/lib/rabbitmq/bin</c> (Debian's <c>/usr/sbin</c> wrappers would switch to the rabbitmq user). Its user,
/// password and virtual host are the ones the rabbitmq image makes from <c>RABBITMQ_DEFAULT_USER</c>,
/// <c>RABBITMQ_DEFAULT_PASS</c> and <c>RABBITMQ_DEFAULT_VHOST</c>: <c>default_user</c>, <c>default_pass</c> and
/// <c>default_vhost</c> in an <c>advanced.config</c> (Erlang terms, so any character can be written), so no
/// <c>guest</c> user exists.
/// </summary>
/// <remarks>
/// Everything is in a temporary directory: <c>HOME</c> (the Erlang cookie), mnesia, logs, the enabled-plugins file
/// (no plugins: management is off). The node is <c>composegen-it-PID@localhost</c>; AMQP listens on the published
/// loopback address and port, Erlang distribution on the next port and a private epmd on the one after, both on
/// 127.0.0.1, so nothing is shared with a RabbitMQ or epmd already on the machine. Start-up is awaited with
/// <c>rabbitmqctl await_startup</c> (10–20 s is normal); stopping is a SIGTERM, which the rabbitmq-server
/// script turns into <c>rabbitmqctl stop</c>, then <c>epmd -kill</c> for the private epmd.
/// </remarks>
internal sealed class RabbitMqServer : IServer
{
    private readonly ServerProcess _process;
    private readonly string _rabbitmqctl;
    private readonly string _epmd;
    private readonly string _node;
    private readonly int _epmdPort;
    private readonly Dictionary<string, string> _environment;

    private RabbitMqServer(string service, ServerProcess process, string rabbitmqctl, string epmd, string node, int epmdPort, Dictionary<string, string> environment)
    {
        Service = service;
        _process = process;
        _rabbitmqctl = rabbitmqctl;
        _epmd = epmd;
        _node = node;
        _epmdPort = epmdPort;
        _environment = environment;
    }

    public string Service { get; }

    /// <summary>What to install, or null when rabbitmq-server, rabbitmqctl and epmd are there.</summary>
    public static string? Missing()
        => Programs() is null ? Prerequisites.MissingMessage("RabbitMQ", "rabbitmq-server, rabbitmqctl and epmd", "rabbitmq-server") : null;

    private static (string Server, string Ctl, string Epmd)? Programs()
    {
        var server = Prerequisites.Find("/usr/lib/rabbitmq/bin/rabbitmq-server", "rabbitmq-server");
        if (server is null)
            return null;
        var ctl = Path.Combine(Path.GetDirectoryName(server)!, "rabbitmqctl");
        var epmd = Prerequisites.Find("epmd");
        return File.Exists(ctl) && epmd is not null ? (server, ctl, epmd) : null;
    }

    public static async Task<RabbitMqServer> StartAsync(
        TempDirectory temp, string service, (string Address, int Port) endpoint, string user, string password, string? virtualHost, Action<IServer> started)
    {
        var (program, ctl, epmd) = Programs() ?? throw new InvalidOperationException(Missing());
        var distPort = endpoint.Port + 1;
        var epmdPort = endpoint.Port + 2;
        Loopback.RequireFree(endpoint.Address, endpoint.Port, service);
        Loopback.RequireFree("127.0.0.1", distPort, service + " (Erlang distribution, published port + 1)");

        var directory = temp.Combine(service);
        Directory.CreateDirectory(directory);
        var node = "composegen-it-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "@localhost";
        await File.WriteAllTextAsync(Path.Combine(directory, "enabled_plugins"), "[].\n");
        await File.WriteAllTextAsync(Path.Combine(directory, "rabbitmq-env.conf"), "");
        await File.WriteAllTextAsync(Path.Combine(directory, "advanced.config"), AdvancedConfig(user, password, virtualHost), new UTF8Encoding(false));

        var environment = new Dictionary<string, string>
        {
            ["HOME"] = directory,
            ["RABBITMQ_NODENAME"] = node,
            ["RABBITMQ_NODE_IP_ADDRESS"] = endpoint.Address,
            ["RABBITMQ_NODE_PORT"] = endpoint.Port.ToString(CultureInfo.InvariantCulture),
            ["RABBITMQ_DIST_PORT"] = distPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_PORT"] = epmdPort.ToString(CultureInfo.InvariantCulture),
            ["ERL_EPMD_ADDRESS"] = "127.0.0.1",
            ["RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS"] = "-kernel inet_dist_use_interface {127,0,0,1}",
            ["RABBITMQ_CONF_ENV_FILE"] = Path.Combine(directory, "rabbitmq-env.conf"),
            ["RABBITMQ_CONFIG_FILE"] = Path.Combine(directory, "rabbitmq"),
            ["RABBITMQ_ADVANCED_CONFIG_FILE"] = Path.Combine(directory, "advanced.config"),
            ["RABBITMQ_ENABLED_PLUGINS_FILE"] = Path.Combine(directory, "enabled_plugins"),
            ["RABBITMQ_MNESIA_BASE"] = Path.Combine(directory, "mnesia"),
            ["RABBITMQ_LOG_BASE"] = Path.Combine(directory, "log"),
            ["RABBITMQ_PID_FILE"] = Path.Combine(directory, "rabbitmq.pid"),
            ["RABBITMQ_PLUGINS_EXPAND_DIR"] = Path.Combine(directory, "plugins-expand"),
        };

        var process = ProcessRunner.StartServer(program, Array.Empty<string>(), environment, directory, null);
        var server = new RabbitMqServer(service, process, ctl, epmd, node, epmdPort, environment);
        started(server);
        await server.AwaitStartupAsync(TimeSpan.FromSeconds(120));
        await Loopback.WaitUntilListeningAsync(endpoint.Address, endpoint.Port, TimeSpan.FromSeconds(30), process, $"rabbitmq-server for '{service}'");
        return server;
    }

    /// <summary>The image's default user, password and virtual host as Erlang terms (binaries, UTF-8, every non-ASCII character escaped).</summary>
    internal static string AdvancedConfig(string user, string password, string? virtualHost)
    {
        var terms = new List<string>
        {
            "{default_user, " + Binary(user) + "}",
            "{default_pass, " + Binary(password) + "}",
            "{default_permissions, [<<\".*\">>, <<\".*\">>, <<\".*\">>]}",
            "{default_user_tags, [administrator]}",
        };
        if (!string.IsNullOrEmpty(virtualHost))
            terms.Add("{default_vhost, " + Binary(virtualHost) + "}");
        return "[{rabbit, [" + string.Join(", ", terms) + "]}].\n";
    }

    private static string Binary(string value)
    {
        var text = new StringBuilder("<<\"");
        foreach (var rune in value.EnumerateRunes())
        {
            if (rune.Value == '"' || rune.Value == '\\')
                text.Append('\\').Append((char)rune.Value);
            else if (rune.Value >= 0x20 && rune.Value < 0x7F)
                text.Append((char)rune.Value);
            else
                text.Append("\\x{").Append(rune.Value.ToString("X", CultureInfo.InvariantCulture)).Append('}');
        }

        return text.Append("\"/utf8>>").ToString();
    }

    /// <summary><c>rabbitmqctl await_startup</c>, again until it succeeds: it fails at once while the node has not registered with epmd yet.</summary>
    private async Task AwaitStartupAsync(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            _process.ThrowIfExited($"rabbitmq-server for '{Service}'");
            var result = await Ctl(TimeSpan.FromSeconds(60), "await_startup", "--timeout", "50");
            if (result.ExitCode == 0)
                return;
            if (clock.Elapsed > timeout)
                throw new TimeoutException($"RabbitMQ for '{Service}' did not start within {timeout.TotalSeconds:0} s. rabbitmqctl said:\n{result.Output}\nrabbitmq-server said:\n{_process.Log}");
            await Task.Delay(500);
        }
    }

    private Task<ProcessResult> Ctl(TimeSpan timeout, params string[] arguments)
        => ProcessRunner.RunAsync(_rabbitmqctl, new[] { "-n", _node }.Concat(arguments), timeout, _environment, _environment["HOME"], check: false);

    /// <summary>
    /// SIGTERM to the rabbitmq-server script, which traps it and runs <c>rabbitmqctl stop</c> (as <c>docker stop</c>
    /// does it), then the private epmd is told to go.
    /// </summary>
    public async Task StopAsync()
    {
        try
        {
            await _process.StopAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            // The private epmd the node started (it outlives the node otherwise).
            try
            {
                await ProcessRunner.RunAsync(_epmd, new[] { "-port", _epmdPort.ToString(CultureInfo.InvariantCulture), "-kill" }, TimeSpan.FromSeconds(10), _environment, check: false);
            }
            catch (TimeoutException)
            {
                // Reported nowhere: it holds no port the tests publish.
            }
        }
    }
}
