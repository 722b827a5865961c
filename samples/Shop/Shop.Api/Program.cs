// The Shop sample API. Everything it knows about its neighbours (host names, ports, passwords, networks) comes
// from the `Compose` class that ComposeGen generates at build time from ../docker-compose.yml: no host name, port
// or connection string is written in this file. Read the generated code in
// obj/<configuration>/net10.0/generated/ComposeGen/ComposeGen.ComposeGenerator/Compose.g.cs.
//
//   dotnet run --project samples/Shop/Shop.Api -- --describe    prints what the generated API says, then exits
//   dotnet run --project samples/Shop/Shop.Api                  serves GET /compose and GET /connection-strings
//
// COMPOSEGEN_CONTEXT=host|network chooses how services are addressed (on the host: localhost and the published
// ports; inside the compose network: service names and container ports); by default it is detected.

using ComposeGen.Runtime;
using Shop.Api;

const string DescribeSwitch = "--describe";

var describe = args.Contains(DescribeSwitch, StringComparer.Ordinal);
var builder = WebApplication.CreateBuilder(args.Where(arg => arg != DescribeSwitch).ToArray());

// ConnectionStrings:<service> (the key .NET Aspire uses, so GetConnectionString("orders-db") just works) and
// services:<service>:<scheme>:0 (Microsoft.Extensions.ServiceDiscovery's keys), for the current context.
builder.Configuration.AddComposeConnectionStrings().AddComposeEndpoints();

if (describe)
{
    Describe.Print(builder.Configuration, Console.Out);
    return 0;
}

var app = builder.Build();

app.MapGet("/", () => Results.Redirect("/compose"));

// The compose project as this process sees it: every endpoint is resolved for the current context, so on the
// host it is the host-side address (localhost or the published host_ip, and the published port).
app.MapGet("/compose", () => Results.Ok(new
{
    project = Compose.ProjectName,
    context = Compose.Context.ToString(),
    services = Compose.Services.All.Select(service => new
    {
        name = service.Name,
        image = service.Image,
        host = service.Host,
        networks = service.Networks,
        ports = service.Ports.Select(port => new
        {
            container = port.ContainerPort,
            published = port.PublishedPort,
            hostIp = port.HostIp,
            protocol = port.Protocol,
            endpoint = Describe.TryResolve(port, service.Host, out var problem)?.HostAndPort,
            unreachable = problem,
        }),
    }),
    networks = Describe.Networks.Select(network => new
    {
        name = network.Name,
        dockerName = network.DockerName,
        @internal = network.Internal,
        services = network.Services,
    }),
    volumes = new[]
    {
        new { name = Compose.Volumes.OrdersData.Name, dockerName = Compose.Volumes.OrdersData.DockerName, services = Compose.Volumes.OrdersData.Services },
        new { name = Compose.Volumes.CacheData.Name, dockerName = Compose.Volumes.CacheData.DockerName, services = Compose.Volumes.CacheData.Services },
    },
}));

// The generated connection strings for the current context, passwords masked. A service this process cannot
// reach from here (on the host: Redis, whose port is not published) says why instead.
app.MapGet("/connection-strings", (IConfiguration configuration) => Results.Ok(new
{
    context = Compose.Context.ToString(),
    generated = Describe.ConnectionStrings.ToDictionary(
        entry => entry.Service,
        entry => Describe.Try(entry.Current, out var problem) is { } value ? Describe.MaskPasswords(value) : "unavailable: " + problem),
    configuration = configuration.GetSection("ConnectionStrings").GetChildren().ToDictionary(
        section => section.Key,
        section => section.Value is null ? null : Describe.MaskPasswords(section.Value)),
}));

app.Run();
return 0;

/// <summary>The <c>--describe</c> summary, and the helpers the endpoints share with it.</summary>
internal static class Describe
{
    private const string Mask = "*****";

    /// <summary>The generated networks (the generated API has one class per network, no list).</summary>
    public static readonly (string Name, string DockerName, bool Internal, IReadOnlyList<string> Services)[] Networks =
    {
        (Compose.Networks.Frontend.Name, Compose.Networks.Frontend.DockerName, Compose.Networks.Frontend.Internal, Compose.Networks.Frontend.Services),
        (Compose.Networks.Backend.Name, Compose.Networks.Backend.DockerName, Compose.Networks.Backend.Internal, Compose.Networks.Backend.Services),
        (Compose.Networks.Data.Name, Compose.Networks.Data.DockerName, Compose.Networks.Data.Internal, Compose.Networks.Data.Services),
    };

    /// <summary>The services with a generated connection string: current context, network and host.</summary>
    public static readonly (string Service, string Member, Func<string> Current, Func<string> Network, Func<string> Host)[] ConnectionStrings =
    {
        (Compose.Services.OrdersDb.Name, "Compose.Services.OrdersDb",
            () => Compose.Services.OrdersDb.ConnectionString,
            () => Compose.Services.OrdersDb.NetworkConnectionString,
            () => Compose.Services.OrdersDb.HostConnectionString),
        (Compose.Services.Cache.Name, "Compose.Services.Cache",
            () => Compose.Services.Cache.ConnectionString,
            () => Compose.Services.Cache.NetworkConnectionString,
            () => Compose.Services.Cache.HostConnectionString),
    };

    public static void Print(IConfiguration configuration, TextWriter output)
    {
        output.WriteLine("ComposeGen Shop sample: what the generated Compose API says");
        output.WriteLine();
        output.WriteLine($"  Compose.ProjectName  {Compose.ProjectName}");
        output.WriteLine($"  Compose.Context      {Compose.Context}  ({ContextExplanation()})");

        output.WriteLine();
        output.WriteLine("Services (Compose.Services.All)");
        foreach (var service in Compose.Services.All)
        {
            output.WriteLine($"  {service.Name}");
            output.WriteLine($"    image      {service.Image ?? "(none: built from source)"}");
            output.WriteLine($"    host       {service.Host}");
            output.WriteLine($"    networks   {string.Join(", ", service.Networks)}");
            foreach (var port in service.Ports)
            {
                var published = port.PublishedPort is { } hostPort
                    ? port.HostIp is null ? $"published on port {hostPort} (all interfaces)" : $"published on {port.HostIp}:{hostPort}"
                    : "not published";
                output.WriteLine($"    port       {port.ContainerPort}/{port.Protocol}, {published}");
                output.WriteLine(TryResolve(port, service.Host, out var problem) is { } endpoint
                    ? $"      endpoint {endpoint.HostAndPort}"
                    : $"      endpoint unreachable from here: {Explain(problem)}");
            }
        }

        output.WriteLine();
        output.WriteLine("Networks (Compose.Networks)");
        foreach (var network in Networks)
            output.WriteLine($"  {network.Name,-10} {network.DockerName,-15} {(network.Internal ? "internal" : "        ")}  {string.Join(", ", network.Services)}");

        output.WriteLine();
        output.WriteLine($"Typed endpoints ({Compose.Context} context)");
        Line(output, "Compose.Services.Api.Endpoints.Http", () => Compose.Services.Api.Endpoints.Http.ToUri("http").ToString());
        Line(output, "Compose.Services.OrdersDb.Endpoints.Postgres", () => Compose.Services.OrdersDb.Endpoints.Postgres.HostAndPort);
        Line(output, "Compose.Services.Cache.Endpoints.Redis", () => Compose.Services.Cache.Endpoints.Redis.HostAndPort);

        output.WriteLine();
        output.WriteLine("Connection strings (passwords masked)");
        foreach (var entry in ConnectionStrings)
        {
            Line(output, entry.Member + ".ConnectionString", () => MaskPasswords(entry.Current()));
            Line(output, entry.Member + ".NetworkConnectionString", () => MaskPasswords(entry.Network()));
            Line(output, entry.Member + ".HostConnectionString", () => MaskPasswords(entry.Host()));
        }

        output.WriteLine();
        output.WriteLine("Configuration (AddComposeConnectionStrings, AddComposeEndpoints)");

        // The key .NET Aspire uses, written the way existing code writes it: it works unchanged.
        Line(output, "GetConnectionString(\"orders-db\")", () => Configured(configuration.GetConnectionString("orders-db")));
        Line(output, $"GetConnectionString(\"{Compose.Services.Cache.Name}\")", () => Configured(configuration.GetConnectionString(Compose.Services.Cache.Name)));
        foreach (var endpoint in configuration.GetSection("services").GetChildren())
        {
            foreach (var scheme in endpoint.GetChildren())
                Line(output, $"services:{endpoint.Key}:{scheme.Key}:0", () => scheme["0"] ?? "(not set)");
        }
    }

    /// <summary>The endpoint of <paramref name="port"/> for the current context, or null with the reason.</summary>
    public static ComposeEndpoint? TryResolve(ComposePort port, string host, out string? problem)
        => Try(() => port.Resolve(Compose.Context, host), out problem);

    /// <summary>
    /// The value, or null and the message of the <see cref="InvalidOperationException"/> the generated code throws
    /// for what cannot be resolved here: an unpublished port asked for on the host, or a missing <c>${VAR:?}</c>.
    /// </summary>
    public static T? Try<T>(Func<T> value, out string? problem)
        where T : class
    {
        try
        {
            problem = null;
            return value();
        }
        catch (InvalidOperationException exception)
        {
            problem = exception.Message;
            return null;
        }
    }

    /// <summary>Masks the password of a key=value (Npgsql), URI or StackExchange.Redis connection string.</summary>
    public static string MaskPasswords(string connectionString)
    {
        // URI forms: scheme://user:password@host:port/...
        var scheme = connectionString.IndexOf("://", StringComparison.Ordinal);
        if (scheme > 0)
        {
            var userInfoEnd = connectionString.IndexOf('@', scheme);
            var colon = connectionString.IndexOf(':', scheme + 3);
            return userInfoEnd > 0 && colon > 0 && colon < userInfoEnd
                ? connectionString[..(colon + 1)] + Mask + connectionString[userInfoEnd..]
                : connectionString;
        }

        // StackExchange.Redis: host:port,option=value,... (the first part is an endpoint, not key=value).
        var parts = connectionString.Split(',');
        if (!parts[0].Contains('=', StringComparison.Ordinal))
        {
            return string.Join(",", parts.Select(part => part.Trim().StartsWith("password=", StringComparison.OrdinalIgnoreCase)
                ? "password=" + Mask
                : part));
        }

        // ADO.NET key=value forms (Npgsql, MySqlConnector, SqlClient): replace the value of Password (or Pwd), quoted
        // or not, and keep the rest exactly as written.
        var masked = new System.Text.StringBuilder();
        var at = 0;
        while (at < connectionString.Length)
        {
            var equals = connectionString.IndexOf('=', at);
            if (equals < 0)
            {
                masked.Append(connectionString, at, connectionString.Length - at);
                break;
            }

            var key = connectionString[at..equals].Trim();
            var end = ValueEnd(connectionString, equals + 1);
            masked.Append(connectionString, at, equals + 1 - at);
            masked.Append(key.Equals("Password", StringComparison.OrdinalIgnoreCase) || key.Equals("Pwd", StringComparison.OrdinalIgnoreCase)
                ? Mask
                : connectionString[(equals + 1)..end]);
            if (end < connectionString.Length)
                masked.Append(';');
            at = end + 1;
        }

        return masked.ToString();
    }

    /// <summary>Where the value that starts at <paramref name="start"/> ends: at the next <c>;</c> outside quotes.</summary>
    private static int ValueEnd(string text, int start)
    {
        var at = start;
        while (at < text.Length && char.IsWhiteSpace(text[at]))
            at++;
        if (at < text.Length && text[at] is '"' or '\'')
        {
            var quote = text[at++];
            while (at < text.Length)
            {
                if (text[at] == quote && at + 1 < text.Length && text[at + 1] == quote)
                    at += 2;
                else if (text[at++] == quote)
                    break;
            }
        }

        var semicolon = text.IndexOf(';', at);
        return semicolon < 0 ? text.Length : semicolon;
    }

    /// <summary>A connection string from configuration, masked; AddComposeConnectionStrings leaves out what is unreachable here.</summary>
    private static string Configured(string? value)
        => value is null ? "(not set: not reachable from this context, so AddComposeConnectionStrings left it out)" : MaskPasswords(value);

    private static string ContextExplanation()
        => Environment.GetEnvironmentVariable(ComposeRuntime.ContextVariable) is { Length: > 0 } forced
            ? $"forced by {ComposeRuntime.ContextVariable}={forced}"
            : Compose.Context == ComposeContext.Network
                ? $"detected: this process runs in a container; {ComposeRuntime.ContextVariable}=host|network overrides it"
                : $"detected: not in a container; {ComposeRuntime.ContextVariable}=host|network overrides it";

    private static void Line(TextWriter output, string label, Func<string> value)
        => output.WriteLine(Try(value, out var problem) is { } text
            ? $"  {label,-50} {text}"
            : $"  {label,-50} unavailable: {Explain(problem)}");

    private static readonly HashSet<string> Explained = new(StringComparer.Ordinal);

    /// <summary>The generated code's message the first time; a pointer to it after that.</summary>
    private static string? Explain(string? problem)
        => problem is null || Explained.Add(problem) ? problem : "same as above";
}
