using System.Collections.Generic;
using System.Linq;
using ComposeGen.Model;
using ComposeGen.Parsing.Loading;

namespace ComposeGen.Emit;

/// <summary>
/// SPEC §5, image by image: which variables of the service hold the user, password and database,
/// the image's defaults, and which runtime method formats the connection string.
/// </summary>
internal static class ConnectionRecipes
{
    /// <summary>
    /// The ports the image listens on without being told: its default port (Azurite has three), and for
    /// Kafka the ports of the listeners it advertises to other containers.
    /// </summary>
    public static IEnumerable<int> DefaultPorts(ImageFamily family, Service service)
    {
        if (family == ImageFamilies.Azurite)
            return new[] { 10000, 10001, 10002 };
        if (family == ImageFamilies.Kafka && AdvertisedListeners(service) is var (network, _) && network is not null)
            return new[] { family.DefaultPort, network.Value };
        return new[] { family.DefaultPort };
    }

    /// <summary>
    /// Kafka tells clients where to connect through <c>KAFKA_ADVERTISED_LISTENERS</c>: the listener on
    /// the service's own name is for containers, the one on localhost for the host.
    /// </summary>
    private static (int? Network, int? Host) AdvertisedListeners(Service service)
    {
        var listeners = service.Environment.LastOrDefault(v => v.Name is "KAFKA_ADVERTISED_LISTENERS" or "KAFKA_CFG_ADVERTISED_LISTENERS")?.Value;
        if (listeners is null || !listeners.IsLiteral)
            return (null, null);
        int? network = null, host = null;
        foreach (var listener in listeners.Value.Split(','))
        {
            var address = listener.Substring(listener.IndexOf("://", System.StringComparison.Ordinal) + 3);
            var colon = address.LastIndexOf(':');
            if (colon < 0 || !int.TryParse(address.Substring(colon + 1), out var port))
                continue;
            var name = address.Substring(0, colon);
            if (name is "localhost" or "127.0.0.1")
                host ??= port;
            else if (name == service.Name || name == service.ContainerName?.Value || name == service.Hostname?.Value)
                network ??= port;
        }

        return (network, host);
    }

    /// <summary>The endpoint name and scheme of a port the image is known to listen on.</summary>
    public static (string Name, string? Scheme)? NamedPort(ImageFamily family, int port)
    {
        if (port == family.DefaultPort)
            return (family.EndpointName, family.Scheme);
        return (family.Name, port) switch
        {
            ("azurite", 10001) => ("Queue", "http"),
            ("azurite", 10002) => ("Table", "http"),
            ("rabbitmq", 15672) => ("Management", "http"),
            ("minio", 9001) => ("Console", "http"),
            ("elasticsearch", 9300) or ("opensearch", 9300) => ("Transport", null),
            _ => null,
        };
    }

    /// <summary>
    /// Whether <see cref="For"/> gives a connection: every recognised image has a recipe, so it does exactly when one of
    /// the service's endpoints is the image's default port. For CG5003, which needs no more than that.
    /// </summary>
    public static bool Provides(ImageFamily family, EquatableArray<ApiPort> ports, EquatableArray<ApiEndpoint> endpoints)
        => EndpointOf(ports, endpoints, family.DefaultPort) >= 0;

    /// <summary>The index of the endpoint on container port <paramref name="port"/>, -1 when none.</summary>
    private static int EndpointOf(EquatableArray<ApiPort> ports, EquatableArray<ApiEndpoint> endpoints, int port)
    {
        for (var i = 0; i < endpoints.Count; i++)
        {
            if (ports[endpoints[i].PortIndex].Container == port)
                return i;
        }

        return -1;
    }

    public static ApiConnection? For(
        ImageFamily family,
        ComposeProject project,
        Service service,
        EquatableArray<ApiPort> ports,
        EquatableArray<ApiEndpoint> endpoints,
        EquatableArray<ApiVariable> environment,
        string composeDirectory)
    {
        var recipe = new Recipe(project, service, environment, composeDirectory);
        int EndpointOf(int port) => ConnectionRecipes.EndpointOf(ports, endpoints, port);
        var main = EndpointOf(family.DefaultPort);
        if (main < 0)
            return null;

        ApiConnection Make(string method, params ApiArgument[] arguments) => new(method, main, main, arguments.ToEquatableArray(), EquatableArray<int>.Empty);

        switch (family.Name)
        {
            case "postgres":
            {
                var user = recipe.Argument("username", null, "postgres", "POSTGRES_USER");
                return Make("Npgsql", user, recipe.Argument("password", null, null, "POSTGRES_PASSWORD"), recipe.Argument("database", 0, null, "POSTGRES_DB"));
            }

            case "mysql":
            case "mariadb":
            {
                // The app user when one is declared (the image creates it), else root.
                var prefixes = family.Name == "mariadb" ? new[] { "MARIADB_", "MYSQL_" } : new[] { "MYSQL_" };
                var appUser = prefixes.Any(p => recipe.Declares(p + "USER"));
                var user = appUser ? recipe.Argument("user", null, "root", prefixes.Select(p => p + "USER").ToArray()) : new ApiArgument("user", EquatableArray<ApiArgumentSource>.Empty, "root", null);
                var password = recipe.Argument("password", null, null, prefixes.Select(p => p + (appUser ? "PASSWORD" : "ROOT_PASSWORD")).ToArray());
                return Make("MySql", user, password, recipe.Argument("database", null, null, prefixes.Select(p => p + "DATABASE").ToArray()));
            }

            case "sqlserver":
                return Make("SqlServer", new ApiArgument("user", EquatableArray<ApiArgumentSource>.Empty, "sa", null), recipe.Argument("password", null, null, "MSSQL_SA_PASSWORD", "SA_PASSWORD"));

            case "mongo":
                return Make("MongoDb", recipe.Argument("user", null, null, "MONGO_INITDB_ROOT_USERNAME"), recipe.Argument("password", null, null, "MONGO_INITDB_ROOT_PASSWORD"), recipe.Argument("database", null, null, "MONGO_INITDB_DATABASE"));

            case "redis":
                return Make("Redis", recipe.RequirePass());

            case "rabbitmq":
                return Make("RabbitMq", recipe.Argument("user", null, "guest", "RABBITMQ_DEFAULT_USER"), recipe.Argument("password", null, "guest", "RABBITMQ_DEFAULT_PASS"), recipe.Argument("virtualHost", null, null, "RABBITMQ_DEFAULT_VHOST"));

            case "kafka":
            {
                var (network, host) = AdvertisedListeners(service);
                var networkEndpoint = network is null ? main : EndpointOf(network.Value);
                var hostEndpoint = host is null ? main : EndpointOf(host.Value);
                return new ApiConnection("Kafka", networkEndpoint < 0 ? main : networkEndpoint, hostEndpoint < 0 ? main : hostEndpoint, EquatableArray<ApiArgument>.Empty, EquatableArray<int>.Empty);
            }

            case "elasticsearch":
            {
                var hasPassword = recipe.Declares("ELASTIC_PASSWORD");
                return Make("Elasticsearch", new ApiArgument("user", EquatableArray<ApiArgumentSource>.Empty, hasPassword ? "elastic" : null, null), recipe.Argument("password", null, null, "ELASTIC_PASSWORD"));
            }

            case "azurite":
                return new ApiConnection("Azurite", main, main, EquatableArray<ApiArgument>.Empty, new[] { EndpointOf(10001), EndpointOf(10002) }.ToEquatableArray());

            case "minio":
                return Make("Minio", recipe.Argument("accessKey", null, "minioadmin", "MINIO_ROOT_USER"), recipe.Argument("secretKey", null, "minioadmin", "MINIO_ROOT_PASSWORD"));

            case "nats":
                return Make("Nats");

            case "memcached":
                return Make("Memcached");

            default:
                return Make("Http");
        }
    }

    /// <summary>Finds where a setting comes from in one service's environment.</summary>
    private sealed class Recipe
    {
        private readonly ComposeProject _project;
        private readonly Service _service;
        private readonly EquatableArray<ApiVariable> _environment;
        private readonly string _composeDirectory;

        public Recipe(ComposeProject project, Service service, EquatableArray<ApiVariable> environment, string composeDirectory)
        {
            _project = project;
            _service = service;
            _environment = environment;
            _composeDirectory = composeDirectory;
        }

        public bool Declares(string variable) => _environment.Any(v => v.Key == variable) || _environment.Any(v => v.Key == variable + "_FILE");

        /// <summary>
        /// The first of <paramref name="variables"/> the service declares, each tried as itself and as its
        /// <c>_FILE</c> variant (a secret file read at run time), else the default.
        /// </summary>
        public ApiArgument Argument(string name, int? defaultFromArgument, string? defaultValue, params string[] variables)
        {
            var sources = new List<ApiArgumentSource>();
            foreach (var key in variables)
            {
                if (_environment.FirstOrDefault(v => v.Key == key) is { } variable)
                    sources.Add(new ApiArgumentSource(VariableIdentifier: variable.Identifier));
                if (_environment.FirstOrDefault(v => v.Key == key + "_FILE") is { Value: { IsTemplate: false } path })
                    sources.Add(new ApiArgumentSource(SecretContainerPath: path.Text, SecretHostPath: HostPathOfSecret(path.Text)));
            }

            return new ApiArgument(name, sources.ToEquatableArray(), defaultValue, defaultFromArgument);
        }

        /// <summary><c>/run/secrets/NAME</c> inside the container is the top-level secret's <c>file:</c> on the host.</summary>
        private string? HostPathOfSecret(string containerPath)
        {
            const string prefix = "/run/secrets/";
            if (!containerPath.StartsWith(prefix, System.StringComparison.Ordinal))
                return null;
            var target = containerPath.Substring(prefix.Length);
            var reference = _service.Secrets.FirstOrDefault(s => (s.Target ?? s.Source) == target || s.Target == containerPath);
            var definition = _project.Secrets.FirstOrDefault(s => s.Name == (reference?.Source ?? target));
            return definition?.File is { IsLiteral: true } file
                ? ComposePath.Combine(ComposePath.Directory(definition.Origin.Path), file.Value)
                : null;
        }

        /// <summary>Redis has no password variable: it is whatever follows <c>--requirepass</c> in the command.</summary>
        public ApiArgument RequirePass()
        {
            var command = _service.Command;
            var tokens = command is null
                ? new List<string>()
                : command.IsShellForm
                    ? command.ShellForm!.Template.Raw.Split(new[] { ' ', '\t', '\n' }, System.StringSplitOptions.RemoveEmptyEntries).ToList()
                    : command.ExecForm.Select(part => part.Template.Raw).ToList();
            var at = tokens.IndexOf("--requirepass");
            if (at < 0 || at + 1 >= tokens.Count)
                return new ApiArgument("password", EquatableArray<ApiArgumentSource>.Empty, null, null);
            var value = tokens[at + 1].Trim('"', '\'');
            return new ApiArgument("password", new[] { new ApiArgumentSource(Template: value) }.ToEquatableArray(), null, null);
        }
    }
}
