using System.Data.Common;
using System.Net;

namespace ComposeGen.Tests.Runtime;

/// <summary>What a real client reads back from a connection string.</summary>
internal sealed record ParsedConnection(string? Host, int? Port, string? User, string? Password, string? Database);

/// <summary>The real .NET clients' own parsers, so the tests check what the apps will actually get.</summary>
internal static class ClientParsers
{
    public static ParsedConnection Npgsql(string connectionString)
    {
        var builder = new global::Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        return new ParsedConnection(builder.Host, builder.Port, builder.Username, builder.Password, builder.Database);
    }

    public static ParsedConnection MySql(string connectionString)
    {
        var builder = new MySqlConnector.MySqlConnectionStringBuilder(connectionString);
        return new ParsedConnection(builder.Server, (int)builder.Port, NullIfEmpty(builder.UserID), NullIfEmpty(builder.Password), NullIfEmpty(builder.Database));
    }

    /// <summary>SqlClient: <c>Server=host,port</c> is split the way the managed SNI layer splits a data source.</summary>
    public static ParsedConnection SqlServer(string connectionString, out bool trustServerCertificate)
    {
        var builder = new Microsoft.Data.SqlClient.SqlConnectionStringBuilder(connectionString);
        trustServerCertificate = builder.TrustServerCertificate;
        var dataSource = builder.DataSource;
        var comma = dataSource.LastIndexOf(',');
        var host = comma < 0 ? dataSource : dataSource.Substring(0, comma);
        int? port = comma < 0 ? null : int.Parse(dataSource.Substring(comma + 1), System.Globalization.CultureInfo.InvariantCulture);
        return new ParsedConnection(host, port, NullIfEmpty(builder.UserID), NullIfEmpty(builder.Password), NullIfEmpty(builder.InitialCatalog));
    }

    public static ParsedConnection MongoDb(string connectionString, out string? authenticationSource)
    {
        var url = new MongoDB.Driver.MongoUrl(connectionString);
        authenticationSource = url.AuthenticationSource;
        return new ParsedConnection(url.Server.Host, url.Server.Port, url.Username, url.Password, url.DatabaseName);
    }

    public static ParsedConnection Redis(string configuration)
    {
        var options = StackExchange.Redis.ConfigurationOptions.Parse(configuration);
        var endpoint = Assert.Single(options.EndPoints);
        return endpoint switch
        {
            DnsEndPoint dns => new ParsedConnection(dns.Host, dns.Port, options.User, options.Password, null),
            IPEndPoint ip => new ParsedConnection(ip.Address.ToString(), ip.Port, options.User, options.Password, null),
            _ => throw new InvalidOperationException("unexpected end point " + endpoint),
        };
    }

    /// <summary>RabbitMQ.Client's <c>ConnectionFactory.Uri</c>; the virtual host comes back as Database.</summary>
    public static ParsedConnection RabbitMq(string uri)
    {
        var factory = new RabbitMQ.Client.ConnectionFactory { Uri = new Uri(uri) };
        return new ParsedConnection(factory.HostName, factory.Port, factory.UserName, factory.Password, factory.VirtualHost);
    }

    /// <summary>A URL's parts as <see cref="System.Uri"/> gives them, user info split at the first ':' and unescaped.</summary>
    public static ParsedConnection Url(string url, out string scheme)
    {
        var uri = new Uri(url, UriKind.Absolute);
        scheme = uri.Scheme;
        string? user = null, password = null;
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            user = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo.Substring(0, colon));
            password = colon < 0 ? null : Uri.UnescapeDataString(uri.UserInfo.Substring(colon + 1));
        }

        var path = uri.AbsolutePath.TrimStart('/');
        return new ParsedConnection(uri.IdnHost, uri.Port, user, password, path.Length == 0 ? null : Uri.UnescapeDataString(path));
    }

    /// <summary>The ADO.NET key=value syntax as <see cref="DbConnectionStringBuilder"/> reads it.</summary>
    public static IReadOnlyDictionary<string, string> KeyValues(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        return builder.Keys.Cast<string>().ToDictionary(key => key, key => (string)builder[key], StringComparer.OrdinalIgnoreCase);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
