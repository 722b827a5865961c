using ComposeGen.Runtime;

namespace ComposeGen.Tests.Runtime;

public sealed class PortAndEndpointTests
{
    private const string Where = "docker-compose.yml line 12";

    [Fact]
    public void Network_context_uses_the_dns_name_and_the_container_port()
    {
        var port = new ComposePort("orders-db", 5432, 15432, null, "tcp", "postgres", Where);
        var endpoint = port.Resolve(ComposeContext.Network, "orders-db");
        Assert.Equal("orders-db", endpoint.Host);
        Assert.Equal(5432, endpoint.Port);
        Assert.Equal("orders-db:5432", endpoint.HostAndPort);
        Assert.Equal("orders-db:5432", endpoint.ToString());
    }

    [Fact]
    public void Network_context_works_for_unpublished_ports_and_other_dns_names()
    {
        var port = new ComposePort("orders-db", 5432, null, null, "tcp", null, Where);
        Assert.False(port.IsPublished);
        Assert.Equal("shop-orders-db-1:5432", port.Resolve(ComposeContext.Network, "shop-orders-db-1").HostAndPort);
        Assert.Equal("orders-db:5432", port.Resolve(ComposeContext.Network, "").HostAndPort);
    }

    [Fact]
    public void Host_context_uses_localhost_and_the_published_port()
    {
        var port = new ComposePort("orders-db", 5432, 15432, null, "tcp", null, Where);
        Assert.True(port.IsPublished);
        var endpoint = port.Resolve(ComposeContext.Host, "orders-db");
        Assert.Equal("localhost", endpoint.Host);
        Assert.Equal(15432, endpoint.Port);
        Assert.Equal(new Uri("http://localhost:15432/"), endpoint.ToUri("http"));
    }

    [Theory]
    [InlineData(null, "localhost", "localhost:8080")]
    [InlineData("", "localhost", "localhost:8080")]
    [InlineData("0.0.0.0", "localhost", "localhost:8080")]
    [InlineData("::", "localhost", "localhost:8080")]
    [InlineData("[::]", "localhost", "localhost:8080")]
    [InlineData("127.0.0.1", "127.0.0.1", "127.0.0.1:8080")]
    [InlineData("192.168.1.20", "192.168.1.20", "192.168.1.20:8080")]
    [InlineData("::1", "::1", "[::1]:8080")]
    [InlineData("[::1]", "::1", "[::1]:8080")]
    [InlineData("fd00::10", "fd00::10", "[fd00::10]:8080")]
    public void Host_context_uses_the_host_ip_it_is_published_on(string? hostIp, string host, string hostAndPort)
    {
        var port = new ComposePort("api", 80, 8080, hostIp, "tcp", null, Where);
        var endpoint = port.Resolve(ComposeContext.Host, "api");
        Assert.Equal(host, endpoint.Host);
        Assert.Equal(8080, endpoint.Port);
        Assert.Equal(hostAndPort, endpoint.HostAndPort);
        Assert.Equal(hostAndPort, endpoint.ToString());
    }

    [Fact]
    public void Ipv6_endpoints_are_bracketed_in_uris()
    {
        var endpoint = new ComposeEndpoint("::1", 8080);
        var uri = endpoint.ToUri("http");
        Assert.Equal("[::1]", uri.Host);
        Assert.Equal(8080, uri.Port);
        Assert.Equal("http://[::1]:8080/", uri.AbsoluteUri);
        Assert.True(endpoint.IsIPv6);
        Assert.Equal(endpoint, new ComposeEndpoint("[::1]", 8080));
    }

    [Fact]
    public void Ipv6_zone_is_escaped_in_uris()
    {
        var uri = new ComposeEndpoint("fe80::1%eth0", 80).ToUri("http");
        Assert.Equal(80, uri.Port);
        Assert.StartsWith("[fe80::1", uri.Host);
    }

    [Fact]
    public void Unpublished_port_in_host_context_says_what_to_add()
    {
        var port = new ComposePort("orders-db", 5432, null, null, "tcp", null, Where);
        var exception = Assert.Throws<InvalidOperationException>(() => port.Resolve(ComposeContext.Host, "orders-db"));
        Assert.Contains("orders-db", exception.Message);
        Assert.Contains("5432", exception.Message);
        Assert.Contains(Where, exception.Message);
        Assert.Contains("ports: [\"5432:5432\"]", exception.Message);
        Assert.Contains("COMPOSEGEN_CONTEXT=network", exception.Message);
    }

    [Fact]
    public void Unpublished_udp_port_suggests_a_udp_mapping()
    {
        var port = new ComposePort("dns", 53, null, null, "udp", null, Where);
        var exception = Assert.Throws<InvalidOperationException>(() => port.Resolve(ComposeContext.Host, "dns"));
        Assert.Contains("ports: [\"53:53/udp\"]", exception.Message);
    }

    [Fact]
    public void Port_keeps_what_it_was_given()
    {
        var port = new ComposePort("web", 443, 8443, "127.0.0.1", "udp", "https", Where);
        Assert.Equal("web", port.Service);
        Assert.Equal(443, port.ContainerPort);
        Assert.Equal(8443, port.PublishedPort);
        Assert.Equal("127.0.0.1", port.HostIp);
        Assert.Equal("udp", port.Protocol);
        Assert.Equal("https", port.Name);
        Assert.Equal("web 127.0.0.1:8443:443/udp", port.ToString());

        var defaults = new ComposePort("web", 80, null, "", null!, "", Where);
        Assert.Null(defaults.HostIp);
        Assert.Null(defaults.Name);
        Assert.Equal("tcp", defaults.Protocol);
        Assert.Null(defaults.PublishedPort);
    }

    [Fact]
    public void Endpoint_arguments_are_checked()
    {
        Assert.Throws<ArgumentNullException>(() => new ComposeEndpoint(null!, 1));
        Assert.Throws<ArgumentException>(() => new ComposeEndpoint("", 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComposeEndpoint("h", 65536));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComposeEndpoint("h", -1));
        Assert.Throws<ArgumentNullException>(() => new ComposePort(null!, 1, null, null, "tcp", null, Where));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ComposePort("s", 70000, null, null, "tcp", null, Where));
        Assert.Throws<ArgumentException>(() => new ComposeEndpoint("h", 1).ToUri(""));
    }

    [Fact]
    public void Endpoints_compare_by_value()
    {
        Assert.Equal(new ComposeEndpoint("db", 5432), new ComposeEndpoint("DB", 5432));
        Assert.Equal(new ComposeEndpoint("db", 5432).GetHashCode(), new ComposeEndpoint("DB", 5432).GetHashCode());
        Assert.NotEqual(new ComposeEndpoint("db", 5432), new ComposeEndpoint("db", 5433));
        Assert.False(new ComposeEndpoint("db", 5432).Equals(null));
    }
}
