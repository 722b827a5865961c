using System.Diagnostics;
using System.Text;
using ComposeGen.Analysis.Networking;
using ComposeGen.Tests.Support;

namespace ComposeGen.Tests.Analysis.Networking;

/// <summary>Name resolution and network membership, modelled on what docker compose does.</summary>
public class ReachabilityModelTests
{
    private static (ReachabilityModel Model, Func<string, string, NameResolution> Resolve) Build(string yaml)
    {
        var project = TestCompose.Load(yaml).Project;
        var model = ReachabilityModel.For(project);
        return (model, (from, name) => model.Resolve(project.Service(from), name));
    }

    [Fact]
    public void One_model_per_loaded_project_shared_by_the_compose_rules_and_the_literal_analyzer()
    {
        const string yaml = "services:\n  api: {image: api}\n  db: {image: postgres}\n";
        var project = TestCompose.Load(yaml).Project;

        Assert.Same(ReachabilityModel.For(project), NetworkingAnalysis.For(project).Model);
        Assert.NotSame(ReachabilityModel.For(project), ReachabilityModel.For(TestCompose.Load(yaml).Project)); // another load, another model
    }

    [Fact]
    public void Services_that_name_no_network_meet_on_the_implicit_default_network()
    {
        var (model, resolve) = Build("services:\n  api: {image: api}\n  db: {image: postgres}\n");
        var resolution = resolve("api", "db");
        Assert.Equal(NameResolutionKind.Service, resolution.Kind);
        Assert.Equal("db", resolution.Target!.Name);
        Assert.Equal(new[] { "default" }, resolution.Networks);
        Assert.Equal(new[] { "default" }, model.NetworksOf(model.Service("api")!));
    }

    [Fact]
    public void A_service_on_named_networks_is_not_on_default()
    {
        var (model, resolve) = Build("""
            services:
              gateway: {image: gw, networks: [public]}
              ledger-db: {image: postgres, networks: [private, analytics]}
              worker: {image: w}
            networks: {public: {}, private: {}, analytics: {}}
            """);
        Assert.Equal(NameResolutionKind.NoSharedNetwork, resolve("gateway", "ledger-db").Kind);
        Assert.Equal(NameResolutionKind.NoSharedNetwork, resolve("worker", "gateway").Kind);
        Assert.Equal(new[] { "private", "analytics" }, model.NetworksOf(model.Service("ledger-db")!));
    }

    [Fact]
    public void Naming_default_among_networks_keeps_the_service_on_it()
    {
        var (_, resolve) = Build("services:\n  api: {image: api, networks: [default, back]}\n  web: {image: web}\nnetworks: {back: {}}\n");
        Assert.Equal(NameResolutionKind.Service, resolve("web", "api").Kind);
    }

    [Fact]
    public void Container_name_resolves_on_every_network_of_the_target()
    {
        var (_, resolve) = Build("services:\n  api: {image: api, networks: [a]}\n  db: {image: postgres, container_name: shop-db, networks: [a, b]}\nnetworks: {a: {}, b: {}}\n");
        var resolution = resolve("api", "shop-db");
        Assert.Equal(NameResolutionKind.Service, resolution.Kind);
        Assert.Equal("db", resolution.Target!.Name);
    }

    [Fact]
    public void Compose_generated_container_names_resolve()
    {
        var (_, resolve) = Build("name: shop\nservices:\n  api: {image: api}\n  db: {image: postgres}\n");
        Assert.Equal("db", resolve("api", "shop-db-1").Target!.Name);
        Assert.Equal("db", resolve("api", "shop_db_1").Target!.Name);
        Assert.Equal(NameResolutionKind.Unknown, resolve("api", "shop-cache-1").Kind);
    }

    [Fact]
    public void A_network_alias_resolves_only_on_the_network_that_declares_it()
    {
        var (_, resolve) = Build("""
            services:
              db:
                image: postgres
                networks:
                  back: {aliases: [database]}
                  front: {}
              api: {image: api, networks: [back]}
              web: {image: web, networks: [front]}
            networks: {back: {}, front: {}}
            """);
        var fromApi = resolve("api", "database");
        Assert.Equal(NameResolutionKind.NetworkAlias, fromApi.Kind);
        Assert.Equal("db", fromApi.Target!.Name);
        var fromWeb = resolve("web", "database");
        Assert.Equal(NameResolutionKind.AliasOnOtherNetwork, fromWeb.Kind);
        Assert.Equal(new[] { "back" }, fromWeb.Networks);
        Assert.Equal(NameResolutionKind.Service, resolve("web", "db").Kind); // the service name works on front
    }

    [Fact]
    public void A_link_alias_resolves_only_from_the_linking_service()
    {
        var (_, resolve) = Build("services:\n  db: {image: postgres}\n  api: {image: api, links: [\"db:database\"]}\n  web: {image: web}\n");
        Assert.Equal(NameResolutionKind.LinkAlias, resolve("api", "database").Kind);
        Assert.Equal("db", resolve("api", "database").Target!.Name);
        Assert.Equal(NameResolutionKind.Unknown, resolve("web", "database").Kind);
    }

    [Fact]
    public void A_hostname_is_not_resolvable_by_other_services_but_is_inside_its_own()
    {
        var (_, resolve) = Build("services:\n  db: {image: postgres, hostname: database}\n  api: {image: api}\n");
        Assert.Equal(NameResolutionKind.Hostname, resolve("api", "database").Kind);
        Assert.Equal("db", resolve("api", "database").Target!.Name);
        Assert.Equal(NameResolutionKind.OwnHostname, resolve("db", "database").Kind);
    }

    [Fact]
    public void External_links_are_taken_on_trust()
    {
        var (_, resolve) = Build("services:\n  api: {image: api, external_links: [\"legacy_db_1:legacy\", redis_1]}\n");
        Assert.Equal(NameResolutionKind.ExternalLink, resolve("api", "legacy").Kind);
        Assert.Equal(NameResolutionKind.ExternalLink, resolve("api", "legacy_db_1").Kind);
        Assert.Equal(NameResolutionKind.ExternalLink, resolve("api", "redis_1").Kind);
    }

    [Fact]
    public void Unknown_names_on_an_external_network_may_be_containers_of_other_projects()
    {
        var (_, resolve) = Build("services:\n  api: {image: api, networks: [proxy]}\n  web: {image: web}\nnetworks:\n  proxy: {external: true}\n");
        Assert.Equal(NameResolutionKind.ExternalNetwork, resolve("api", "shared-postgres").Kind);
        Assert.Equal(NameResolutionKind.Unknown, resolve("web", "shared-postgres").Kind);
    }

    [Theory]
    [InlineData("localhost", NameResolutionKind.WellKnown)]
    [InlineData("host.docker.internal", NameResolutionKind.WellKnown)]
    [InlineData("gateway.docker.internal", NameResolutionKind.WellKnown)]
    [InlineData("127.0.0.1", NameResolutionKind.IpLiteral)]
    [InlineData("db.example.com", NameResolutionKind.ExternalDns)]
    [InlineData("DB", NameResolutionKind.Service)]
    [InlineData("dbb", NameResolutionKind.Unknown)]
    public void Other_names(string name, NameResolutionKind kind)
        => Assert.Equal(kind, Build("services:\n  api: {image: api}\n  db: {image: postgres}\n").Resolve("api", name).Kind);

    [Fact]
    public void Host_and_none_network_modes_are_on_no_compose_network()
    {
        var (model, resolve) = Build("""
            services:
              api: {image: api}
              metrics: {image: node-exporter, network_mode: host}
              batch: {image: batch, network_mode: none}
              old: {image: old, network_mode: bridge}
            """);
        Assert.Equal(NetworkAttachment.Host, model.AttachmentOf(model.Service("metrics")!));
        Assert.Empty(model.NetworksOf(model.Service("metrics")!));
        Assert.Empty(model.NetworksOf(model.Service("batch")!));
        Assert.Equal(NameResolutionKind.TargetOutsideNetworks, resolve("api", "metrics").Kind);
        Assert.Equal(NameResolutionKind.TargetOutsideNetworks, resolve("api", "batch").Kind);
        Assert.Equal(NameResolutionKind.TargetOutsideNetworks, resolve("api", "old").Kind);
        Assert.Equal(NameResolutionKind.FromOutsideNetworks, resolve("metrics", "api").Kind);
        Assert.Equal(NameResolutionKind.FromOutsideNetworks, resolve("batch", "api").Kind);
    }

    [Fact]
    public void A_service_in_another_services_stack_shares_its_networks_but_has_no_name()
    {
        var (model, resolve) = Build("""
            services:
              vpn: {image: gluetun, networks: [tunnel]}
              torrent: {image: qbittorrent, network_mode: "service:vpn"}
              helper: {image: h, network_mode: "service:torrent"}
              ui: {image: ui, networks: [tunnel]}
            networks: {tunnel: {}}
            """);
        var torrent = model.Service("torrent")!;
        Assert.Equal(NetworkAttachment.ServiceStack, model.AttachmentOf(torrent));
        Assert.Equal(new[] { "tunnel" }, model.NetworksOf(torrent));
        Assert.Equal("vpn", model.StackOwnerOf(model.Service("helper")!).Name);
        Assert.Equal(new[] { "vpn", "torrent", "helper" }, model.StackMembersOf(torrent).Select(s => s.Name));
        Assert.Equal(NameResolutionKind.Service, resolve("torrent", "ui").Kind); // it reaches what vpn reaches
        Assert.Equal(NameResolutionKind.TargetInOtherStack, resolve("ui", "torrent").Kind);
        Assert.Equal(NameResolutionKind.Service, resolve("ui", "vpn").Kind);
        Assert.True(model.ShareNetwork(torrent, model.Service("vpn")!));
    }

    [Fact]
    public void A_network_mode_cycle_or_a_container_mode_is_unknown_and_does_not_throw()
    {
        var (model, resolve) = Build("""
            services:
              a: {image: a, network_mode: "service:b"}
              b: {image: b, network_mode: "service:a"}
              c: {image: c, network_mode: "container:abc123"}
              d: {image: d}
            """);
        Assert.Equal(NetworkAttachment.Unknown, model.AttachmentOf(model.Service("a")!));
        Assert.Equal(NetworkAttachment.Unknown, model.AttachmentOf(model.Service("c")!));
        Assert.Equal(NameResolutionKind.Indeterminate, resolve("c", "d").Kind);
        Assert.Equal(NameResolutionKind.Indeterminate, resolve("d", "a").Kind);
    }

    [Fact]
    public void Internal_only_services_are_known()
    {
        var (model, _) = Build("""
            services:
              db: {image: postgres, networks: [back]}
              api: {image: api, networks: [back, front]}
              web: {image: web}
            networks: {back: {internal: true}, front: {}}
            """);
        Assert.True(model.IsInternalOnly(model.Service("db")!));
        Assert.False(model.IsInternalOnly(model.Service("api")!));
        Assert.False(model.IsInternalOnly(model.Service("web")!));
    }

    [Fact]
    public void An_internal_default_network_makes_services_on_it_internal_only()
    {
        var (model, _) = Build("services:\n  web: {image: web}\nnetworks:\n  default: {internal: true}\n");
        Assert.True(model.IsInternalOnly(model.Service("web")!));
    }

    [Fact]
    public void Two_network_keys_with_the_same_name_are_the_same_network()
    {
        var (_, resolve) = Build("""
            services:
              api: {image: api, networks: [proxy_a]}
              web: {image: web, networks: [proxy_b]}
            networks:
              proxy_a: {external: true, name: proxy}
              proxy_b: {external: true, name: proxy}
            """);
        Assert.Equal(NameResolutionKind.Service, resolve("api", "web").Kind);
    }

    [Fact]
    public void Suggestions_come_from_names_and_link_aliases()
    {
        var yaml = "services:\n  orders-db: {image: postgres}\n  api: {image: api, links: [\"orders-db:ledger\"]}\n";
        var project = TestCompose.Load(yaml).Project;
        var model = ReachabilityModel.For(project);
        Assert.Equal("orders-db", model.Suggest(project.Service("api"), "order-db"));
        Assert.Equal("ledger", model.Suggest(project.Service("api"), "ledgr"));
        Assert.Null(model.Suggest(project.Service("orders-db"), "ledgr"));
        Assert.Null(model.Suggest(project.Service("api"), "elasticsearch"));
    }

    [Fact]
    public void Five_thousand_services_stay_linear()
    {
        var yaml = new StringBuilder("services:\n");
        for (var i = 0; i < 5000; i++)
        {
            yaml.Append($"  s{i}:\n    image: postgres\n    networks: [n{i % 50}]\n    ports: [\"{10000 + i}:5432\"]\n");
            yaml.Append($"    environment:\n      DB_HOST: s{(i + 50) % 5000}\n      URL: postgres://u:p@s{(i + 1) % 5000}:5432/x\n      OTHER: typo{i}\n");
        }

        yaml.Append("networks:\n");
        for (var i = 0; i < 50; i++)
            yaml.Append($"  n{i}: {{}}\n");
        var project = TestCompose.Load(yaml.ToString()).Project;
        Assert.Equal(5000, project.Services.Count);

        var clock = Stopwatch.StartNew();
        var problems = NetworkingRules.Run(project);
        clock.Stop();
        Assert.Equal(5000, problems.Count(p => p.Id == "CG3001")); // s{i} and s{i+1} are on different networks
        Assert.DoesNotContain(problems, p => p.Id is "CG3002" or "CG3003" or "CG3005");
        // A hang guard against quadratic blow-up, not a performance figure (the benchmarks are the record).
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), $"took {clock.Elapsed}");
    }
}
