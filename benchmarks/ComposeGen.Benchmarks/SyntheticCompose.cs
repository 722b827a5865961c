using System.Globalization;
using System.Text;

namespace ComposeGen.Benchmarks;

/// <summary>
/// A seeded generator of compose projects of a given size: the same size always gives the same text.
/// <para>
/// Every fifth service is a data store (PostgreSQL, Redis, MySQL, MongoDB, RabbitMQ) with a named
/// volume, a healthcheck and a password from a variable; the others are application services that
/// reach 1–4 other services by URL (<c>postgres://user:pw@orders-db-42:5432/db</c>,
/// <c>redis://cache-17:6379/0</c>, <c>http://api-3:8080</c>, <c>SERVICE_HOST</c> / <c>SERVICE_PORT</c>
/// pairs), depend on them (<c>depends_on</c> with conditions), sit on 1–3 of <c>max(2, n / 20)</c>
/// networks, publish a port now and then, and one in four <c>extends</c> a shared base service. A YAML
/// anchor is reused by every application service (<c>logging: *default-logging</c>), and a
/// <c>compose.override.yaml</c> overrides one service in ten, so loading exercises merging,
/// interpolation templates, extends and aliases.
/// </para>
/// </summary>
public static class SyntheticCompose
{
    public const string MainFile = "compose.yaml";
    public const string OverrideFile = "compose.override.yaml";

    private static readonly string[] StoreKinds = { "postgres", "redis", "mysql", "mongo", "rabbitmq" };
    private static readonly string[] AppKinds = { "api", "worker", "web", "orders", "billing", "search", "gateway", "notifier" };

    /// <summary>The files of a project of <paramref name="services"/> services, keyed by file name (main file first).</summary>
    public static IReadOnlyList<(string Name, string Text)> Generate(int services, int seed = 20_260_101)
    {
        var random = new Random(seed + services);
        var all = Enumerable.Range(0, services).Select(i => Describe(i)).ToList();
        var networks = Math.Max(2, services / 20);

        var main = new StringBuilder(services * 900);
        main.Append("# Synthetic compose project: ").Append(services).Append(" services (seeded; see SyntheticCompose.cs)\n");
        main.Append("name: synthetic-").Append(services).Append('\n');
        main.Append("x-logging: &default-logging\n  driver: json-file\n  options:\n    max-size: \"10m\"\n    max-file: \"3\"\n\n");
        main.Append("services:\n");
        main.Append("  app-base:\n    image: registry.example.com/platform/base:${BASE_TAG:-1.0.0}\n    restart: unless-stopped\n");
        main.Append("    environment:\n      TZ: UTC\n      OTEL_EXPORTER_OTLP_ENDPOINT: http://collector:4317\n");
        main.Append("    networks: [net-0]\n\n");

        var storeServices = all.Where(s => s.IsStore).ToList();
        var appServices = all.Where(s => !s.IsStore).ToList();
        foreach (var service in all)
        {
            main.Append("  ").Append(service.Name).Append(":\n");
            if (service.IsStore)
                Store(main, service, random, networks);
            else
                App(main, service, random, networks, storeServices, appServices);
            main.Append('\n');
        }

        main.Append("  collector:\n    image: otel/opentelemetry-collector:0.98.0\n    expose: [\"4317\"]\n    networks: [");
        main.Append(string.Join(", ", Enumerable.Range(0, networks).Select(n => "net-" + Invariant(n))));
        main.Append("]\n\n");

        main.Append("networks:\n");
        for (var n = 0; n < networks; n++)
        {
            main.Append("  net-").Append(n).Append(":\n");
            main.Append(n % 4 == 3 ? "    internal: true\n" : "    driver: bridge\n");
        }

        main.Append("\nvolumes:\n");
        foreach (var store in storeServices)
            main.Append("  ").Append(store.Name).Append("-data: {}\n");

        main.Append("\nsecrets:\n");
        foreach (var store in storeServices.Where(s => s.Index % 2 == 0))
            main.Append("  ").Append(store.Name).Append("-password:\n    file: ./secrets/").Append(store.Name).Append(".txt\n");

        var overrides = new StringBuilder(services * 80);
        overrides.Append("# Local overrides of one service in ten (synthetic)\nservices:\n");
        foreach (var service in all.Where(s => s.Index % 10 == 3))
        {
            overrides.Append("  ").Append(service.Name).Append(":\n");
            if (service.IsStore)
            {
                overrides.Append("    ports:\n      - \"127.0.0.1:").Append(20000 + service.Index).Append(':').Append(service.Port).Append("\"\n");
            }
            else
            {
                overrides.Append("    environment:\n      LOG_LEVEL: debug\n      FEATURE_FLAGS: ${FEATURE_FLAGS:-none}\n");
                overrides.Append("    ports:\n      - \"").Append(30000 + service.Index).Append(":8080\"\n");
            }
        }

        return new[] { (MainFile, main.ToString()), (OverrideFile, overrides.ToString()) };
    }

    private static void Store(StringBuilder text, Described service, Random random, int networks)
    {
        var (image, dataPath, passwordVariable, healthcheck) = service.Kind switch
        {
            "postgres" => ("postgres:16-alpine", "/var/lib/postgresql/data", "POSTGRES_PASSWORD", "[\"CMD-SHELL\", \"pg_isready -U app\"]"),
            "redis" => ("redis:7-alpine", "/data", "REDIS_PASSWORD", "[\"CMD\", \"redis-cli\", \"ping\"]"),
            "mysql" => ("mysql:8.4", "/var/lib/mysql", "MYSQL_ROOT_PASSWORD", "[\"CMD\", \"mysqladmin\", \"ping\", \"-h\", \"localhost\"]"),
            "mongo" => ("mongo:7.0", "/data/db", "MONGO_INITDB_ROOT_PASSWORD", "[\"CMD\", \"mongosh\", \"--eval\", \"db.adminCommand('ping')\"]"),
            _ => ("rabbitmq:3.13-management", "/var/lib/rabbitmq", "RABBITMQ_DEFAULT_PASS", "[\"CMD\", \"rabbitmq-diagnostics\", \"ping\"]"),
        };
        var variable = Variable(service.Name) + "_PASSWORD";
        text.Append("    image: ").Append(image).Append('\n');
        text.Append("    restart: unless-stopped\n");
        text.Append("    environment:\n");
        text.Append("      ").Append(passwordVariable).Append(": ${").Append(variable).Append(":-pw").Append(service.Index).Append("}\n");
        if (service.Kind == "postgres")
            text.Append("      POSTGRES_USER: user\n      POSTGRES_DB: db\n");
        else if (service.Kind == "mysql")
            text.Append("      MYSQL_DATABASE: db\n");
        text.Append("    volumes:\n      - ").Append(service.Name).Append("-data:").Append(dataPath).Append('\n');
        if (service.Index % 2 == 0)
            text.Append("    secrets:\n      - ").Append(service.Name).Append("-password\n");
        text.Append("    expose:\n      - \"").Append(service.Port).Append("\"\n");
        text.Append("    healthcheck:\n      test: ").Append(healthcheck).Append("\n      interval: 5s\n      timeout: 3s\n      retries: 10\n");
        text.Append("    networks: [").Append(string.Join(", ", NetworksOf(service, random, networks))).Append("]\n");
    }

    private static void App(StringBuilder text, Described service, Random random, int networks, List<Described> stores, List<Described> apps)
    {
        if (service.Index % 4 == 1)
            text.Append("    extends:\n      service: app-base\n");
        if (service.Index % 3 == 0)
            text.Append("    build:\n      context: ./apps/").Append(service.Name).Append("\n      dockerfile: Dockerfile\n");
        else
            text.Append("    image: registry.example.com/apps/").Append(service.Kind).Append(":${").Append(Variable(service.Name)).Append("_TAG:-1.").Append(service.Index % 17).Append(".0}\n");
        text.Append("    logging: *default-logging\n");

        // Each app talks to 1-4 other services, chosen among those defined anywhere in the file.
        var targets = new List<Described>();
        var count = 1 + random.Next(4);
        for (var t = 0; t < count; t++)
        {
            var pool = random.Next(3) == 0 || stores.Count == 0 ? apps : stores;
            var target = pool[random.Next(pool.Count)];
            if (target.Index != service.Index && !targets.Contains(target))
                targets.Add(target);
        }

        text.Append("    environment:\n");
        text.Append("      LOG_LEVEL: info\n");
        text.Append("      SERVICE_NAME: ").Append(service.Name).Append('\n');
        foreach (var target in targets)
        {
            var prefix = Variable(target.Name);
            switch (target.Kind)
            {
                case "postgres":
                    text.Append("      ").Append(prefix).Append("_URL: postgres://user:${").Append(prefix).Append("_PASSWORD:-pw}@").Append(target.Name).Append(":5432/db\n");
                    break;
                case "redis":
                    text.Append("      ").Append(prefix).Append("_URL: redis://").Append(target.Name).Append(":6379/0\n");
                    break;
                case "mysql":
                    text.Append("      ").Append(prefix).Append("_CONNECTION: Server=").Append(target.Name).Append(";Port=3306;Database=db;Uid=root;Pwd=${").Append(prefix).Append("_PASSWORD:-pw}\n");
                    break;
                case "mongo":
                    text.Append("      ").Append(prefix).Append("_URI: mongodb://root:${").Append(prefix).Append("_PASSWORD:-pw}@").Append(target.Name).Append(":27017/?authSource=admin\n");
                    break;
                case "rabbitmq":
                    text.Append("      ").Append(prefix).Append("_AMQP: amqp://guest:guest@").Append(target.Name).Append(":5672/\n");
                    break;
                default:
                    if (random.Next(2) == 0)
                        text.Append("      ").Append(prefix).Append("_URL: http://").Append(target.Name).Append(":8080/v1\n");
                    else
                        text.Append("      ").Append(prefix).Append("_HOST: ").Append(target.Name).Append("\n      ").Append(prefix).Append("_PORT: \"8080\"\n");
                    break;
            }
        }

        if (targets.Count > 0)
        {
            text.Append("    depends_on:\n");
            foreach (var target in targets)
            {
                text.Append("      ").Append(target.Name).Append(":\n        condition: ")
                    .Append(target.IsStore ? "service_healthy" : "service_started").Append('\n');
            }
        }

        if (service.Index % 7 == 0)
            text.Append("    ports:\n      - \"").Append(10000 + service.Index).Append(":8080\"\n");
        else
            text.Append("    expose:\n      - \"8080\"\n");
        if (service.Index % 5 == 2)
            text.Append("    volumes:\n      - ./config/").Append(service.Name).Append(":/etc/app:ro\n");

        // Apps share the networks of the stores they use (most of the time: a few are deliberately unreachable).
        var own = NetworksOf(service, random, networks).ToList();
        foreach (var target in targets.Where(t => t.IsStore && random.Next(10) != 0))
        {
            var shared = "net-" + Invariant(target.Index % networks);
            if (!own.Contains(shared))
                own.Add(shared);
        }

        text.Append("    networks:\n");
        foreach (var network in own)
            text.Append("      - ").Append(network).Append('\n');
    }

    private static IEnumerable<string> NetworksOf(Described service, Random random, int networks)
    {
        var list = new List<string> { "net-" + Invariant(service.Index % networks) };
        for (var extra = random.Next(3); extra > 0; extra--)
        {
            var name = "net-" + Invariant(random.Next(networks));
            if (!list.Contains(name))
                list.Add(name);
        }

        return list;
    }

    private static Described Describe(int index)
    {
        if (index % 5 == 4)
        {
            var kind = StoreKinds[(index / 5) % StoreKinds.Length];
            var name = kind switch
            {
                "postgres" => "orders-db-",
                "redis" => "cache-",
                "mysql" => "mysql-",
                "mongo" => "mongo-",
                _ => "queue-",
            };
            var port = kind switch { "postgres" => 5432, "redis" => 6379, "mysql" => 3306, "mongo" => 27017, _ => 5672 };
            return new Described(index, name + Invariant(index), kind, true, port);
        }

        var app = AppKinds[index % AppKinds.Length];
        return new Described(index, app + "-" + Invariant(index), app, false, 8080);
    }

    private static string Variable(string name) => name.Replace('-', '_').ToUpperInvariant();

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed record Described(int Index, string Name, string Kind, bool IsStore, int Port);
}
