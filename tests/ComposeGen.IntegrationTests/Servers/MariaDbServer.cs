using System.Diagnostics;
using System.Text;
using ComposeGen.IntegrationTests.Infrastructure;
using MySqlConnector;

namespace ComposeGen.IntegrationTests.Servers;

/// <summary>
/// Debian's MariaDB (<c>apt-get install -y mariadb-server</c>), for both the <c>mariadb</c> and the <c>mysql</c> image
/// families, set up as the official images set themselves up: <c>mariadb-install-db --skip-test-db
/// --auth-root-authentication-method=normal</c>, then (as their entrypoints' SQL) root's password on
/// <c>root@localhost</c> and a new <c>root@'%'</c> with all privileges, the database, and the app user at <c>'%'</c>
/// with all privileges on it. That SQL runs as the server's <c>--init-file</c>. The server runs as the current user
/// (<c>--user=root</c> when that is root, which mariadbd otherwise refuses), with <c>--skip-name-resolve</c>, on the
/// published loopback address and port.
/// </summary>
internal sealed class MariaDbServer : IServer
{
    private readonly ServerProcess _process;

    private MariaDbServer(string service, ServerProcess process)
    {
        Service = service;
        _process = process;
    }

    public string Service { get; }

    /// <summary>What to install, or null when mariadbd and mariadb-install-db are there.</summary>
    public static string? Missing()
        => Server() is null || InstallDb() is null
            ? Prerequisites.MissingMessage("MariaDB", "mariadbd and mariadb-install-db", "mariadb-server")
            : null;

    private static string? Server() => Prerequisites.Find("mariadbd", "mysqld");

    private static string? InstallDb() => Prerequisites.Find("mariadb-install-db", "mysql_install_db");

    /// <summary>Starts a server whose root password is <paramref name="rootPassword"/> and, when <paramref name="user"/> is set, with that user on <paramref name="database"/>.</summary>
    public static async Task<MariaDbServer> StartAsync(
        TempDirectory temp, string service, (string Address, int Port) endpoint,
        string rootPassword, string? database, string? user, string? password, Action<IServer> started)
    {
        var mariadbd = Server() ?? throw new InvalidOperationException(Missing());
        var installDb = InstallDb() ?? throw new InvalidOperationException(Missing());
        Loopback.RequireFree(endpoint.Address, endpoint.Port, service);

        var directory = temp.Combine(service);
        var data = Path.Combine(directory, "data");

        // Each server has its own temporary directory: two bootstraps sharing /tmp at once can trip over each other's temporary tables.
        var tmp = Path.Combine(directory, "tmp");
        Directory.CreateDirectory(tmp);
        var asRoot = ProcessRunner.IsRoot ? new[] { "--user=root" } : Array.Empty<string>();

        // Arguments mariadb-install-db does not know itself go to the bootstrap mariadbd.
        await ProcessRunner.RunAsync(installDb,
            new[] { "--no-defaults", "--datadir=" + data, "--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve", "--tmpdir=" + tmp }.Concat(asRoot),
            TimeSpan.FromMinutes(2), new Dictionary<string, string> { ["TMPDIR"] = tmp }, directory);

        var initFile = Path.Combine(directory, "init.sql");
        await File.WriteAllTextAsync(initFile, InitSql(rootPassword, database, user, password), new UTF8Encoding(false));

        var arguments = new[]
        {
            "--no-defaults",
            "--datadir=" + data,
            "--socket=" + Path.Combine(directory, "mysqld.sock"),
            "--pid-file=" + Path.Combine(directory, "mysqld.pid"),
            "--tmpdir=" + tmp,
            "--bind-address=" + endpoint.Address,
            "--port=" + endpoint.Port,
            "--skip-name-resolve",
            "--init-file=" + initFile,
            "--character-set-server", "utf8mb4",
            "--collation-server", "utf8mb4_general_ci",
            "--innodb-buffer-pool-size=32M",
            "--skip-log-bin",
        }.Concat(asRoot);
        var process = ProcessRunner.StartServer(mariadbd, arguments, null, directory, null);
        var server = new MariaDbServer(service, process);
        started(server);

        await Loopback.WaitUntilListeningAsync(endpoint.Address, endpoint.Port, TimeSpan.FromSeconds(60), process, $"mariadbd for '{service}'");
        await server.WaitUntilRootCanLogInAsync(endpoint, rootPassword, TimeSpan.FromSeconds(60));
        return server;
    }

    /// <summary>
    /// The official images' first-start SQL (docker-entrypoint.sh <c>docker_setup_db</c>), one statement a line as
    /// <c>--init-file</c> wants it, with their escaping of string literals.
    /// </summary>
    internal static string InitSql(string rootPassword, string? database, string? user, string? password)
    {
        var sql = new StringBuilder();
        sql.AppendLine("SET @@SESSION.SQL_LOG_BIN=0;");
        sql.AppendLine("SET @@SESSION.SQL_MODE=REPLACE(@@SESSION.SQL_MODE, 'NO_BACKSLASH_ESCAPES', '');");
        sql.AppendLine("SET NAMES utf8mb4;");
        sql.AppendLine("DROP USER IF EXISTS root@'127.0.0.1', root@'::1';");
        sql.AppendLine("EXECUTE IMMEDIATE CONCAT('DROP USER IF EXISTS root@\\'', @@hostname, '\\'');");
        sql.AppendLine($"SET PASSWORD FOR 'root'@'localhost' = PASSWORD({Literal(rootPassword)});");
        sql.AppendLine($"CREATE USER 'root'@'%' IDENTIFIED BY {Literal(rootPassword)};");
        sql.AppendLine("GRANT ALL ON *.* TO 'root'@'%' WITH GRANT OPTION;");
        if (!string.IsNullOrEmpty(database))
            sql.AppendLine($"CREATE DATABASE IF NOT EXISTS {Identifier(database)};");
        if (!string.IsNullOrEmpty(user))
        {
            sql.AppendLine($"CREATE USER {Literal(user)}@'%' IDENTIFIED BY {Literal(password ?? "")};");
            if (!string.IsNullOrEmpty(database))
                sql.AppendLine($"GRANT ALL ON {Identifier(database)}.* TO {Literal(user)}@'%';");
        }

        sql.AppendLine("FLUSH PRIVILEGES;");
        return sql.ToString();
    }

    /// <summary>A string literal: backslashes doubled, line feeds as \n, quotes as \' (docker_sql_escape_string_literal).</summary>
    private static string Literal(string value)
    {
        if (value.Contains('\0'))
            throw new ArgumentException("A NUL character cannot be written in the init file.", nameof(value));
        return "'" + value.Replace("\\", "\\\\").Replace("\r", "\\r").Replace("\n", "\\n").Replace("'", "\\'") + "'";
    }

    private static string Identifier(string value) => "`" + value.Replace("`", "``") + "`";

    /// <summary>The init file has run and root can log in over TCP with the compose file's root password.</summary>
    private async Task WaitUntilRootCanLogInAsync((string Address, int Port) endpoint, string rootPassword, TimeSpan timeout)
    {
        var root = new MySqlConnectionStringBuilder
        {
            Server = endpoint.Address,
            Port = (uint)endpoint.Port,
            UserID = "root",
            Password = rootPassword,
            Pooling = false,
            ConnectionTimeout = 5,
            DefaultCommandTimeout = 10,
        };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            _process.ThrowIfExited($"mariadbd for '{Service}'");
            try
            {
                await using var connection = new MySqlConnection(root.ConnectionString);
                await connection.OpenAsync();
                await using var command = new MySqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync();
                return;
            }
            catch (MySqlException) when (clock.Elapsed < timeout)
            {
                await Task.Delay(200);
            }
            catch (MySqlException exception)
            {
                throw new InvalidOperationException($"root could not log in to mariadbd for '{Service}' within {timeout.TotalSeconds:0} s. Its output:\n{_process.Log}", exception);
            }
        }
    }

    /// <summary>SIGTERM: mariadbd's normal shutdown.</summary>
    public Task StopAsync() => _process.StopAsync(TimeSpan.FromSeconds(30));
}
