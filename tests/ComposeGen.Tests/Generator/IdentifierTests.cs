using ComposeGen.Emit;

namespace ComposeGen.Tests.Generator;

/// <summary>The naming rules of SPEC §3, written down in the README.</summary>
public class IdentifierTests
{
    [Theory]
    [InlineData("orders-db", "OrdersDb")]
    [InlineData("orders_db", "OrdersDb")]
    [InlineData("orders.db", "OrdersDb")]
    [InlineData("postgresDB", "PostgresDB")]
    [InlineData("POSTGRES_PASSWORD", "PostgresPassword")]
    [InlineData("DB", "Db")]
    [InlineData("ASPNETCORE_URLS", "AspnetcoreUrls")]
    [InlineData("2fa", "_2fa")]
    [InlineData("class", "Class")]
    [InlineData("café", "Café")]
    [InlineData("日本", "日本")]
    [InlineData("---", "_")]
    [InlineData("a b", "AB")]
    [InlineData("", "_")]
    [InlineData("x", "X")]
    [InlineData("HTTP_PORT_2", "HttpPort2")]
    [InlineData("my--odd__NAME.v2", "MyOddNameV2")]
    [InlineData("9", "_9")]
    public void Pascal_case_of_the_compose_key(string key, string expected)
        => Assert.Equal(expected, Identifiers.Pascal(key));

    [Fact]
    public void Collisions_are_numbered_in_ordinal_order_of_the_keys()
    {
        var names = Identifiers.Assign(new[] { "orders_db", "orders.db", "orders-db" }, Array.Empty<string>(), "Service");
        Assert.Equal("OrdersDb", names["orders-db"]);
        Assert.Equal("OrdersDb2", names["orders.db"]);
        Assert.Equal("OrdersDb3", names["orders_db"]);
    }

    [Fact]
    public void Reserved_member_names_get_the_kind_as_suffix()
    {
        var names = Identifiers.Assign(new[] { "all", "services", "web" }, new[] { "All", "Services" }, "Service");
        Assert.Equal(("AllService", "ServicesService", "Web"), (names["all"], names["services"], names["web"]));
    }

    [Fact]
    public void Assignment_does_not_depend_on_the_order_the_keys_come_in()
        => Assert.Equal(
            Identifiers.Assign(new[] { "a-b", "a_b", "x" }, Array.Empty<string>(), "S"),
            Identifiers.Assign(new[] { "x", "a_b", "a-b" }, Array.Empty<string>(), "S"));
}
