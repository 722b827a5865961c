using ComposeGen.Analysis.Practices;
using ComposeGen.Parsing;

namespace ComposeGen.Tests.Analysis.Practices;

/// <summary>CG4004: a data service's port published on every host interface.</summary>
public class DataPortExposureRuleTests
{
    private static readonly DataPortExposureRule Rule = new();

    [Fact]
    public void A_database_port_on_all_interfaces_is_reported_on_the_port()
    {
        var problem = Practice.Single(Rule, """
            services:
              db:
                image: postgres:16
                ports:
                  - "5432:5432"
            """, 5, 9);
        Assert.Equal(ProblemSeverity.Info, problem.Severity);
        Assert.Equal(
            "service 'db' ('postgres:16') publishes port 5432 on all host interfaces: anyone who can reach this machine can reach the postgres service; "
            + "publish it on the loopback interface only ('127.0.0.1:5432:5432', or host_ip: 127.0.0.1)",
            problem.Message);
    }

    [Fact]
    public void A_port_without_a_host_port_is_published_too()
        => Assert.Contains(
            "publishes container port 6379 on an ephemeral host port on all host interfaces",
            Practice.Single(Rule, "services:\n  cache:\n    image: redis:7\n    ports: [\"6379\"]\n", 4, 13).Message);

    [Theory]
    [InlineData("\"0.0.0.0:27017:27017\"")]
    [InlineData("\"[::]:27017:27017\"")]
    [InlineData("\"27017-27019:27017-27019\"")]   // one finding for the range
    public void Every_unbound_form_counts(string port)
        => Practice.Single(Rule, $"services:\n  mongo:\n    image: mongo:7\n    ports:\n      - {port}\n", 5, 9);

    [Fact]
    public void The_long_syntax_is_reported_on_its_mapping()
        => Practice.Single(Rule, """
            services:
              cache:
                image: memcached:1.6
                ports:
                  - target: 11211
                    published: 11211
            """, 5, 9);

    [Theory]
    [InlineData("postgres:16", "\"127.0.0.1:5432:5432\"")]
    [InlineData("postgres:16", "\"[::1]:5432:5432\"")]
    [InlineData("postgres:16", "{target: 5432, published: 5432, host_ip: 127.0.0.1}")]
    [InlineData("nginx:1.27", "\"80:80\"")]   // not a data service
    public void Ports_bound_to_loopback_or_of_other_services_are_fine(string image, string port)
        => Practice.Silent(Rule, $"services:\n  svc:\n    image: {image}\n    ports:\n      - {port}\n");

    [Fact]
    public void Ports_under_host_networking_are_ignored_by_docker_and_here()
        => Practice.Silent(Rule, "services:\n  db:\n    image: postgres:16\n    network_mode: host\n    ports: [\"5432:5432\"]\n");
}
