using ComposeGen.Analysis.Practices;
using ComposeGen.Parsing;

namespace ComposeGen.Tests.Analysis.Practices;

/// <summary>CG4006: the Docker socket, privileged mode and host networking, one finding each.</summary>
public class HostAccessRuleTests
{
    private static readonly HostAccessRule Rule = new();

    [Fact]
    public void The_docker_socket_is_reported_on_the_mount()
    {
        var problem = Practice.Single(Rule, """
            services:
              proxy:
                image: traefik:3.1
                volumes:
                  - /var/run/docker.sock:/var/run/docker.sock:ro
            """, 5, 9);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Equal(
            "service 'proxy' ('traefik:3.1') mounts the Docker socket '/var/run/docker.sock': the container can drive the Docker engine and so control the host "
            + "(a read-only mount does not restrict the API); mount it only into tools you trust, or put a socket proxy that allows only the calls needed in between",
            problem.Message);
    }

    [Theory]
    [InlineData("- /run/docker.sock:/var/run/docker.sock")]
    [InlineData("- //var/run/docker.sock:/var/run/docker.sock")]
    [InlineData("- $XDG_RUNTIME_DIR/docker.sock:/var/run/docker.sock")]
    [InlineData("- ~/.docker/run/docker.sock:/var/run/docker.sock")]
    [InlineData("- \\\\.\\pipe\\docker_engine:\\\\.\\pipe\\docker_engine")]
    [InlineData("- {type: bind, source: /var/run/docker.sock, target: /tmp/docker.sock}")]
    [InlineData("- {type: npipe, source: '\\\\.\\pipe\\docker_engine', target: '\\\\.\\pipe\\docker_engine'}")]
    public void Every_way_to_mount_the_socket_counts(string volume)
        => Practice.Single(Rule, $"services:\n  agent:\n    image: portainer/agent:2.21.0\n    volumes:\n      {volume}\n", 5, 9, new Dictionary<string, string> { ["XDG_RUNTIME_DIR"] = "/run/user/1000" });

    [Fact]
    public void Privileged_is_reported_on_the_service_name()
        => Assert.Equal(
            "service 'dind' ('docker:27-dind') runs with 'privileged: true': the container gets every capability and all host devices, so a compromise of it is a compromise of the host; "
            + "grant only the capabilities it needs with cap_add",
            Practice.Single(Rule, "services:\n  dind:\n    image: docker:27-dind\n    privileged: true\n", 2, 3).Message);

    [Fact]
    public void Host_networking_is_reported_on_the_value()
        => Assert.StartsWith(
            "service 'plex' ('plexinc/pms-docker:1.41.0') uses 'network_mode: host'",
            Practice.Single(Rule, "services:\n  plex:\n    image: plexinc/pms-docker:1.41.0\n    network_mode: host\n", 4, 19).Message);

    [Fact]
    public void Each_cause_is_its_own_finding()
    {
        var problems = Practice.Check(Rule, """
            services:
              ci:
                image: jenkins/jenkins:lts
                privileged: true
                network_mode: host
                volumes:
                  - /var/run/docker.sock:/var/run/docker.sock
            """);
        Assert.Equal(new[] { (7, 9), (2, 3), (5, 19) }, problems.Select(p => (p.Span.StartLine, p.Span.StartColumn)));
    }

    [Theory]
    [InlineData("privileged: false")]
    [InlineData("network_mode: bridge")]
    [InlineData("network_mode: \"service:vpn\"")]
    [InlineData("network_mode: none")]
    [InlineData("volumes: [\"./docker:/etc/docker:ro\"]")]
    [InlineData("volumes: [\"docker-certs:/certs\"]")]
    [InlineData("cap_add: [NET_ADMIN]")]
    public void Ordinary_settings_are_fine(string setting)
        => Practice.Silent(Rule, $"services:\n  svc:\n    image: alpine:3.20\n    {setting}\n");
}
