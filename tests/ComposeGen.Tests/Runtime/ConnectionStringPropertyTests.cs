using ComposeGen.Runtime;
using CsCheck;

namespace ComposeGen.Tests.Runtime;

/// <summary>
/// Random passwords (and users and databases) through every escaping format and back through the real client
/// parser: what comes back must be exactly what went in.
/// </summary>
public sealed class ConnectionStringPropertyTests
{
    private const int Iterations = 3_000;

    /// <summary>Printable ASCII (all the separators), blanks, control characters, non-ASCII letters and surrogate pairs.</summary>
    private static readonly Gen<string> Piece = Gen.Frequency(
        (12, Gen.Char[' ', '~'].Select(c => c.ToString())),
        (3, Gen.OneOf(";", "=", "'", "\"", "@", ":", "/", "?", "#", "%", "&", "+", ",", "{", "}", "[", "]", "\\", " ", "%25", "%2F", "''", "\"\"")),
        (2, Gen.OneOf("é", "ß", "Ω", "ж", "中", "日本", "😀", "𝄞", "\u00A0", "\u3000", "\t", "\n", "\r", "\u0001", "\u007F", "\u0085")));

    private static readonly Gen<string> Text = Piece.Array[1, 16].Select(string.Concat);

    private static readonly Gen<string> Password = Piece.Array[0, 24].Select(string.Concat);

    /// <summary>The passwords a StackExchange.Redis configuration string can hold: no ',' and no blank at either end.</summary>
    private static readonly Gen<string> RedisPassword = Password.Where(p => p.Length > 0 && p.IndexOf(',') < 0 && !char.IsWhiteSpace(p[0]) && !char.IsWhiteSpace(p[^1]));

    private static readonly Gen<ComposeEndpoint> Endpoint = Gen.Select(
        Gen.OneOf("db", "orders-db", "localhost", "127.0.0.1", "shop_orders-db_1", "::1", "fd00::5"),
        Gen.Int[1, 65535],
        (host, port) => new ComposeEndpoint(host, port));

    private static readonly Gen<ComposeEndpoint> DnsEndpoint = Gen.Select(
        Gen.OneOf("db", "orders-db", "localhost", "127.0.0.1", "shop_orders-db_1"),
        Gen.Int[1, 65535],
        (host, port) => new ComposeEndpoint(host, port));

    [Fact]
    public void Npgsql_round_trips() => Gen.Select(Endpoint, Text, Password, Text).Sample((endpoint, user, password, database) =>
    {
        var parsed = ClientParsers.Npgsql(ComposeConnectionStrings.Npgsql(endpoint, user, password, database));
        Assert.Equal(new ParsedConnection(endpoint.Host, endpoint.Port, user, NullIfEmpty(password), database), parsed);
    }, iter: Iterations);

    [Fact]
    public void MySql_round_trips() => Gen.Select(Endpoint, Text, Password, Text).Sample((endpoint, user, password, database) =>
    {
        var parsed = ClientParsers.MySql(ComposeConnectionStrings.MySql(endpoint, user, password, database));
        Assert.Equal(new ParsedConnection(endpoint.Host, endpoint.Port, user, NullIfEmpty(password), database), parsed);
    }, iter: Iterations);

    [Fact]
    public void SqlServer_round_trips() => Gen.Select(Endpoint, Text, Password).Sample((endpoint, user, password) =>
    {
        var parsed = ClientParsers.SqlServer(ComposeConnectionStrings.SqlServer(endpoint, user, password), out var trust);
        Assert.Equal(new ParsedConnection(endpoint.Host, endpoint.Port, user, NullIfEmpty(password), null), parsed);
        Assert.True(trust);
    }, iter: Iterations);

    [Fact]
    public void Redis_round_trips() => Gen.Select(Endpoint, RedisPassword).Sample((endpoint, password) =>
    {
        var parsed = ClientParsers.Redis(ComposeConnectionStrings.Redis(endpoint, password));
        Assert.Equal(new ParsedConnection(endpoint.Host, endpoint.Port, null, password, null), parsed);
    }, iter: Iterations);

    [Fact]
    public void Redis_refuses_rather_than_corrupts() => Gen.Select(DnsEndpoint, Password).Sample((endpoint, password) =>
    {
        string text;
        try
        {
            text = ComposeConnectionStrings.Redis(endpoint, password);
        }
        catch (InvalidOperationException)
        {
            Assert.True(password.IndexOf(',') >= 0 || char.IsWhiteSpace(password[0]) || char.IsWhiteSpace(password[^1]));
            return;
        }

        Assert.Equal(NullIfEmpty(password), ClientParsers.Redis(text).Password);
    }, iter: Iterations);

    [Fact]
    public void RabbitMq_round_trips() => Gen.Select(DnsEndpoint, Text, Password, Text.Where(v => v != "." && v != "..")).Sample((endpoint, user, password, virtualHost) =>
    {
        var parsed = ClientParsers.RabbitMq(ComposeConnectionStrings.RabbitMq(endpoint, user, password, virtualHost));
        Assert.Equal(new ParsedConnection(endpoint.Host, endpoint.Port, user, password, virtualHost), parsed);
    }, iter: Iterations);

    [Fact]
    public void MongoDb_round_trips() => Gen.Select(Endpoint, Text, Password, Text).Sample((endpoint, user, password, database) =>
    {
        var parsed = ClientParsers.MongoDb(ComposeConnectionStrings.MongoDb(endpoint, user, password, database), out var authSource);
        Assert.Equal(endpoint.Port, parsed.Port);
        Assert.Equal(endpoint.IsIPv6 ? "[" + endpoint.Host + "]" : endpoint.Host, parsed.Host);
        Assert.Equal(user, parsed.User);
        Assert.Equal(password, parsed.Password);
        Assert.Equal(database, parsed.Database);
        Assert.Equal("admin", authSource);
    }, iter: Iterations);

    [Fact]
    public void Elasticsearch_round_trips() => Gen.Select(Endpoint, Text, Password).Sample((endpoint, user, password) =>
    {
        var parsed = ClientParsers.Url(ComposeConnectionStrings.Elasticsearch(endpoint, user, password), out _);
        Assert.Equal(new ParsedConnection(endpoint.Host, endpoint.Port, user, password, null), parsed);
    }, iter: Iterations);

    [Fact]
    public void Minio_round_trips() => Gen.Select(Endpoint, Text, Text).Sample((endpoint, accessKey, secretKey) =>
    {
        var values = ClientParsers.KeyValues(ComposeConnectionStrings.Minio(endpoint, accessKey, secretKey));
        Assert.Equal(endpoint.ToUri("http"), new Uri(values["Endpoint"]));
        Assert.Equal(accessKey, values["AccessKey"]);
        Assert.Equal(secretKey, values["SecretKey"]);
    }, iter: Iterations);

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
