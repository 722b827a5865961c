using ComposeGen.Model;
using ComposeGen.Tests.Support;

namespace ComposeGen.Tests.Parsing;

/// <summary>Each field of a service, in short and long syntax: YAML in, model out.</summary>
public class ServiceModelTests
{
    [Fact]
    public void Ports_in_short_syntax_expand_ranges_and_read_host_ip_and_protocol()
    {
        var web = TestCompose.Project("""
            services:
              web:
                image: nginx
                ports:
                  - 80
                  - "3000-3001"
                  - "8080:80"
                  - "127.0.0.1:5432:5432"
                  - "9090-9091:8080-8081"
                  - "6060:6060/udp"
                  - "[::1]:6001:6001"
                  - "127.0.0.1::5000"
            """).Service("web");

        Assert.Equal(
            new[] { "80", "3000", "3001", "80->8080", "5432->127.0.0.1:5432", "8080->9090", "8081->9091", "6060->6060/udp", "6001->[::1]:6001", "5000->127.0.0.1:" },
            web.Ports.Select(Describe));
        Assert.Equal(7, web.Ports[3].Origin.Value.StartLine); // "8080:80" is written on line 7
    }

    [Fact]
    public void Ports_in_long_syntax_keep_name_mode_and_app_protocol()
    {
        var port = Assert.Single(TestCompose.Project("""
            services:
              api:
                image: api
                ports:
                  - name: web
                    target: 8080
                    published: "8000"
                    host_ip: 127.0.0.1
                    protocol: tcp
                    app_protocol: http
                    mode: host
            """).Service("api").Ports);

        Assert.Equal(new PortMapping(8080, 8000, "127.0.0.1", "tcp", "web", "http", "host", port.Origin), port);
        Assert.Equal(5, port.Origin.Value.StartLine);
    }

    [Theory]
    [InlineData("\"abc\"", "is not a port number")]
    [InlineData("\"70000:80\"", "is not a port number")]
    [InlineData("\"8000-8002:80-81\"", "ranges must have the same length")]
    [InlineData("\"80/xyz\"", "protocol 'xyz'")]
    public void Invalid_ports_are_reported_on_the_port(string port, string message)
    {
        var result = TestCompose.Load($"services:\n  web:\n    image: nginx\n    ports:\n      - {port}\n      - \"81:81\"\n");
        var problem = result.Single("CG1002");
        Assert.Contains(message, problem.Message);
        Assert.Equal(5, problem.Span.StartLine);
        Assert.Equal(81, Assert.Single(result.Project.Service("web").Ports).Target); // the rest still loads
    }

    [Fact]
    public void Expose_accepts_numbers_strings_and_ranges()
        => Assert.Equal(new[] { 3000, 8000, 8001 }, TestCompose.Project("services:\n  a:\n    image: a\n    expose: [3000, \"8000-8001\"]\n").Service("a").Expose.Select(e => e.Port));

    [Fact]
    public void Environment_as_a_map_and_as_a_list_give_the_same_variables()
    {
        var map = TestCompose.Project("services:\n  a:\n    image: a\n    environment:\n      A: one\n      B:\n      C: 3\n").Service("a").Environment;
        var list = TestCompose.Project("services:\n  a:\n    image: a\n    environment:\n      - A=one\n      - B\n      - C=3\n").Service("a").Environment;

        Assert.Equal(new[] { ("A", "one"), ("B", (string?)null), ("C", "3") }, map.Select(v => (v.Name, v.Value?.Value)));
        Assert.Equal(map.Select(v => (v.Name, v.Value?.Value)), list.Select(v => (v.Name, v.Value?.Value)));
    }

    [Fact]
    public void Environment_values_keep_their_template_and_the_list_form_splits_at_the_first_equals()
    {
        var variable = Assert.Single(TestCompose.Project(
            "services:\n  a:\n    image: a\n    environment:\n      - URL=postgres://u:${PW:-p=w}@db/x\n").Service("a").Environment);
        Assert.Equal("URL", variable.Name);
        Assert.Equal("postgres://u:p=w@db/x", variable.Value!.Value);
        Assert.Equal("postgres://u:${PW:-p=w}@db/x", variable.Value.Template.Raw);
        Assert.False(variable.Value.IsLiteral);
    }

    [Fact]
    public void An_environment_value_that_is_a_list_is_an_error()
    {
        var problem = TestCompose.Load("services:\n  a:\n    image: a\n    environment:\n      FOO: [\"1\"]\n").Single("CG1002");
        Assert.Contains("services.a.environment.FOO must be a boolean, null, number or string", problem.Message);
    }

    [Fact]
    public void Networks_as_a_list_and_as_a_map_with_aliases_and_addresses()
    {
        var project = TestCompose.Project("""
            services:
              a:
                image: a
                networks: [front, back]
              b:
                image: b
                networks:
                  front:
                  back:
                    aliases: [database, db.internal]
                    ipv4_address: 172.16.238.10
                    priority: 100
            networks:
              front:
              back:
            """);
        Assert.Equal(new[] { "front", "back" }, project.Service("a").Networks.Select(n => n.Name));
        var back = project.Service("b").Networks[1];
        Assert.Equal(new[] { "database", "db.internal" }, back.Aliases);
        Assert.Equal("172.16.238.10", back.Ipv4Address);
        Assert.Equal(100, back.Priority);
        Assert.True(project.Service("a").Networks.Count == 2 && !project.Service("a").UsesDefaultNetwork);
    }

    [Fact]
    public void Volumes_short_syntax_tells_named_volumes_binds_and_anonymous_volumes_apart()
    {
        var volumes = TestCompose.Project("""
            services:
              a:
                image: a
                volumes:
                  - data:/var/lib/postgresql/data
                  - ./src:/app:ro
                  - /var/run/docker.sock:/var/run/docker.sock
                  - ~/cache:/cache:rw,z
                  - /anonymous
                  - 'C:\docker\project:/windows'
            volumes:
              data:
            """).Service("a").Volumes;
        Assert.Equal(
            new[] { "Volume data -> /var/lib/postgresql/data", "Bind ./src -> /app ro", "Bind /var/run/docker.sock -> /var/run/docker.sock", "Bind ~/cache -> /cache", "Volume  -> /anonymous", @"Bind C:\docker\project -> /windows" },
            volumes.Select(v => $"{v.Type} {v.Source} -> {v.Target}{(v.ReadOnly ? " ro" : "")}"));
    }

    [Fact]
    public void Volumes_long_syntax_reads_type_source_target_and_read_only()
    {
        var volumes = TestCompose.Project("""
            services:
              a:
                image: a
                volumes:
                  - type: volume
                    source: data
                    target: /data
                    read_only: true
                  - type: tmpfs
                    target: /tmp
                    tmpfs:
                      size: 64m
                  - type: npipe
                    source: \\.\pipe\docker_engine
                    target: \\.\pipe\docker_engine
            volumes:
              data:
            """).Service("a").Volumes;
        Assert.Equal(new[] { VolumeMountType.Volume, VolumeMountType.Tmpfs, VolumeMountType.NamedPipe }, volumes.Select(v => v.Type));
        Assert.True(volumes[0].ReadOnly);
        Assert.Null(volumes[1].Source);
    }

    [Fact]
    public void A_bind_mount_without_source_is_an_error()
        => Assert.Contains("field Source must not be empty",
            TestCompose.Load("services:\n  a:\n    image: a\n    volumes:\n      - type: bind\n        target: /x\n").Single("CG1002").Message);

    [Fact]
    public void Depends_on_short_and_long_syntax()
    {
        var project = TestCompose.Project("""
            services:
              db: {image: postgres}
              cache: {image: redis}
              a:
                image: a
                depends_on: [db]
              b:
                image: b
                depends_on:
                  db:
                    condition: service_healthy
                    restart: true
                  cache:
                    condition: service_started
                    required: false
            """);
        Assert.Equal(new ServiceDependency("db", "service_started", true, false, project.Service("a").DependsOn[0].Origin), project.Service("a").DependsOn[0]);
        Assert.Equal(new[] { ("db", "service_healthy", true, true), ("cache", "service_started", false, false) },
            project.Service("b").DependsOn.Select(d => (d.Service, d.Condition, d.Required, d.Restart)));
    }

    [Fact]
    public void Healthcheck_command_and_durations()
    {
        var health = TestCompose.Project("""
            services:
              db:
                image: postgres
                healthcheck:
                  test: ["CMD-SHELL", "pg_isready -U postgres"]
                  interval: 10s
                  timeout: 1m30s
                  retries: 5
                  start_period: 500ms
            """).Service("db").Healthcheck!;
        Assert.Equal(new[] { "CMD-SHELL", "pg_isready -U postgres" }, health.Test!.ExecForm.Select(v => v.Value));
        Assert.Equal(("10s", "1m30s", 5, "500ms"), (health.Interval, health.Timeout, health.Retries, health.StartPeriod));
    }

    [Fact]
    public void A_bad_duration_is_reported()
        => Assert.Contains("'ten seconds' is not a duration",
            TestCompose.Load("services:\n  a:\n    image: a\n    healthcheck:\n      interval: ten seconds\n").Single("CG1002").Message);

    [Fact]
    public void Secrets_configs_links_profiles_and_the_rest()
    {
        var service = TestCompose.Project("""
            services:
              web:
                image: web:1
                build:
                  context: ./web
                  dockerfile: Dockerfile.dev
                  args: [VERSION=1]
                container_name: shop-web
                hostname: web-host
                secrets:
                  - db_password
                  - source: api_key
                    target: /run/secrets/key
                    mode: 0440
                configs: [nginx]
                profiles: [debug]
                links: ["db:database", cache]
                external_links: [legacy_db]
                labels: {team: shop}
                restart: unless-stopped
                command: dotnet run
                entrypoint: ["/bin/sh", "-c"]
                user: "1000:1000"
                privileged: yes
                cap_add: [NET_ADMIN]
                deploy:
                  replicas: 2
                extends:
                  service: base
                x-owner: team-shop
              base: {image: base}
              db: {image: db}
              cache: {image: cache}
            secrets:
              db_password: {file: ./db_password.txt}
              api_key: {environment: API_KEY}
            configs:
              nginx: {content: "server {}"}
            """).Service("web");

        Assert.Equal(("./web", "Dockerfile.dev", "VERSION"), (service.Build!.Context!.Value, service.Build.Dockerfile!.Value, service.Build.Args[0].Key));
        Assert.Equal(("shop-web", "web-host"), (service.ContainerName!.Value, service.Hostname!.Value));
        Assert.Equal(("api_key", "/run/secrets/key", 288), (service.Secrets[1].Source, service.Secrets[1].Target, service.Secrets[1].Mode!.Value)); // 0440 is YAML 1.1 octal
        Assert.Equal(new[] { "nginx" }, service.Configs.Select(c => c.Source));
        Assert.Equal(new[] { "debug" }, service.Profiles.Select(p => p.Value));
        Assert.Equal(new[] { ("db", "database"), ("cache", (string?)null) }, service.Links.Select(l => (l.Service, l.Alias)));
        Assert.Equal("legacy_db", service.ExternalLinks[0].Service);
        Assert.Equal(("team", "shop"), (service.Labels[0].Key, service.Labels[0].Value!.Value));
        Assert.Equal("unless-stopped", service.Restart!.Value);
        Assert.True(service.Command!.IsShellForm);
        Assert.Equal(new[] { "/bin/sh", "-c" }, service.Entrypoint!.ExecForm.Select(v => v.Value));
        Assert.Equal("1000:1000", service.User!.Value);
        Assert.True(service.Privileged);
        Assert.Equal("NET_ADMIN", service.CapAdd[0].Value);
        Assert.Equal(2, service.Replicas);
        Assert.Equal("base", service.Extends!.Service);
        Assert.Equal(("x-owner", "\"team-shop\""), (service.Extensions[0].Key, service.Extensions[0].Json));
    }

    [Fact]
    public void An_unknown_key_is_a_warning_with_a_suggestion()
    {
        var problem = TestCompose.Load("services:\n  web:\n    imgae: nginx\n").Single("CG1003");
        Assert.Equal("unknown key 'imgae' in service 'web'; did you mean 'image'?", problem.Message);
        Assert.Equal((3, 5), (problem.Span.StartLine, problem.Span.StartColumn));
    }

    [Fact]
    public void An_unknown_key_far_from_any_known_one_gets_no_suggestion()
        => Assert.Equal("unknown key 'frobnicate' in service 'web'", TestCompose.Load("services:\n  web:\n    image: a\n    frobnicate: 1\n").Single("CG1003").Message);

    [Fact]
    public void Extension_fields_are_never_unknown()
        => Assert.Empty(TestCompose.Load("x-common: {a: 1}\nservices:\n  web:\n    image: a\n    x-anything: 1\nnetworks:\n  n:\n    x-y: 2\n").Problems);

    [Fact]
    public void The_obsolete_version_key_is_an_info()
    {
        var result = TestCompose.Load("version: \"3.8\"\nservices:\n  web:\n    image: a\n");
        var problem = result.Single("CG1005");
        Assert.Equal(ComposeGen.Parsing.ProblemSeverity.Info, problem.Severity);
        Assert.Equal("3.8", result.Project.Version!.Value);
    }

    [Fact]
    public void A_wrong_type_costs_only_that_field()
    {
        var result = TestCompose.Load("services:\n  web:\n    image: [busybox, latest]\n    ports: [\"80:80\"]\n");
        Assert.Contains("services.web.image must be a string, not a sequence", result.Single("CG1002").Message);
        var web = result.Project.Service("web");
        Assert.Null(web.Image);
        Assert.Single(web.Ports);
    }

    private static string Describe(PortMapping port)
    {
        var protocol = port.Protocol == "tcp" ? "" : "/" + port.Protocol;
        if (port.Published is null && port.HostIp is null)
            return port.Target + protocol;
        var host = port.HostIp is null ? "" : (port.HostIp.Contains(':') ? $"[{port.HostIp}]" : port.HostIp) + ":";
        return $"{port.Target}->{host}{port.Published}{protocol}";
    }
}
