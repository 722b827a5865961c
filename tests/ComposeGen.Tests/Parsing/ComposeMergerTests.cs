using System.Diagnostics;
using System.Text;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Merge;
using ComposeGen.Parsing.Yaml;

namespace ComposeGen.Tests.Parsing;

/// <summary>
/// Docker compose's merge rules (<c>-f base.yml -f override.yml</c>, and <c>extends</c>), each test a
/// base snippet, an override snippet and the merged tree expected. Tests named Test_... / TestMerge...
/// / TestOverride... mirror the compose-go test of that name (override/*_test.go, loader/*_test.go);
/// where our tree keeps a form compose-go rewrites (two KEY=VALUE mappings stay a mapping, two lists of
/// names stay a list) the expected snippet says so.
/// </summary>
public class ComposeMergerTests
{
    // ---------------------------------------------------------------- general rules

    [Fact]
    public void Test_mergeOverrides_later_files_win_key_by_key()
    {
        var merged = MergeAll(
            """
            services:
              test:
                image: foo
                scale: 1
            """,
            """
            services:
              test:
                image: bar
            """,
            """
            services:
              test:
                scale: 2
            """);

        AssertTree(
            """
            services:
              test:
                image: bar
                scale: 2
            """, merged);
    }

    [Fact]
    public void Mappings_merge_recursively_and_new_keys_are_appended()
    {
        AssertMerge(
            """
            x-common:
              a: 1
              nested: {b: 2, c: 3}
            services:
              web:
                image: nginx
            """,
            """
            x-common:
              nested: {c: 30, d: 4}
            services:
              api:
                image: api
            volumes:
              data: {}
            """,
            """
            x-common:
              a: 1
              nested: {b: 2, c: 30, d: 4}
            services:
              web:
                image: nginx
              api:
                image: api
            volumes:
              data: {}
            """);
    }

    [Fact]
    public void A_null_override_keeps_the_base_value()
    {
        AssertMerge(
            """
            services:
              web:
                image: nginx
                deploy: {replicas: 2}
            """,
            """
            services:
              web:
                image:
                deploy: ~
            """,
            """
            services:
              web:
                image: nginx
                deploy: {replicas: 2}
            """);
    }

    [Fact]
    public void Wrong_shapes_never_throw_the_override_wins()
    {
        AssertMerge(
            """
            services:
              web:
                image: {name: nginx}
                ports: "80:80"
                environment: 5
                build: [a, b]
                logging: syslog
                depends_on: [db]
                networks: {front: {}}
              db: plain
            networks:
              front:
                ipam: {config: [{subnet: 10.0.0.0/24}]}
            """,
            """
            services:
              web:
                image: nginx
                ports: ["81:81"]
                environment: {A: b}
                build: {context: .}
                logging: {driver: local}
                depends_on: [{}]
                networks: [[x]]
              db:
                image: postgres
            networks:
              front:
                ipam: {config: {subnet: 10.0.1.0/24}}
            """,
            """
            services:
              web:
                image: nginx
                ports: ["81:81"]
                environment: ["5", A=b]
                build: {context: .}
                logging: {driver: local}
                depends_on: [db, {}]
                networks: [[x]]
              db:
                image: postgres
            networks:
              front:
                ipam: {config: {subnet: 10.0.1.0/24}}
            """);
    }

    [Fact]
    public void Test_mergeYamlSequenceDropsIdenticalDuplicates()
    {
        AssertMerge(
            """
            services:
              test:
                image: foo
                dns:
                  - 8.8.8.8
                cap_add:
                  - NET_ADMIN
                volumes:
                  - type: volume
                    source: data
                    target: /data
            """,
            """
            services:
              test:
                dns:
                  - 8.8.8.8
                  - 9.9.9.9
                cap_add:
                  - NET_ADMIN
                  - SYS_PTRACE
                volumes:
                  - type: volume
                    source: data
                    target: /data
            """,
            """
            services:
              test:
                image: foo
                dns:
                  - 8.8.8.8
                  - 9.9.9.9
                cap_add:
                  - NET_ADMIN
                  - SYS_PTRACE
                volumes:
                  - type: volume
                    source: data
                    target: /data
            """);
    }

    [Fact]
    public void Test_mergeYamlSequenceKeepsEquivalentButDistinctForms()
    {
        // The merge itself (what extends does) compares strictly...
        var service = ComposeMerger.MergeService(
            Service("volumes: [data:/data]", "base.yml"),
            Service("volumes: [{type: volume, source: data, target: /data}]", "override.yml"));
        Assert.Equal(2, Assert.IsType<YSequence>(service.Get("volumes")).Items.Count);

        // ...and the uniqueness rules applied after each file then key volumes by target.
        AssertMerge(
            """
            services:
              test:
                volumes:
                  - data:/data
            """,
            """
            services:
              test:
                volumes:
                  - type: volume
                    source: data
                    target: /data
            """,
            """
            services:
              test:
                volumes:
                  - {type: volume, source: data, target: /data}
            """);
    }

    [Fact]
    public void Test_mergeYamlSequenceIsIdempotent()
    {
        const string @base = """
            services:
              test:
                dns:
                  - 8.8.8.8
                env_file:
                  - common.env
                extra_hosts:
                  - "host1:127.0.0.1"
            """;
        const string @override = """
            services:
              test:
                dns:
                  - 9.9.9.9
                env_file:
                  - common.env
                  - test.env
                extra_hosts:
                  - "host1:127.0.0.1"
                  - "host2:127.0.0.2"
            """;

        var once = ComposeMerger.MergeFiles(Read(@base, "base.yml"), Read(@override, "override.yml"));
        var twice = ComposeMerger.MergeFiles(once, Read(@override, "override.yml"));

        Assert.Equal(Render(once), Render(twice));
        AssertTree(
            """
            services:
              test:
                dns: [8.8.8.8, 9.9.9.9]
                env_file: [common.env, test.env]
                extra_hosts: ["host1:127.0.0.1", "host2:127.0.0.2"]
            """, once);
    }

    [Fact]
    public void Spec_command_entrypoint_and_healthcheck_test_are_replaced_not_appended()
    {
        AssertMerge(
            """
            services:
              foo:
                command: ["echo", "foo"]
                entrypoint: ["/bin/sh", "-c"]
                healthcheck:
                  test: ["CMD", "true"]
                  interval: 10s
                security_opt: [label=role:ROLE]
            """,
            """
            services:
              foo:
                command: ["echo", "bar"]
                entrypoint: /entry.sh
                healthcheck:
                  test: ["CMD-SHELL", "curl localhost"]
                security_opt: [label=user:USER]
            """,
            """
            services:
              foo:
                command: ["echo", "bar"]
                entrypoint: /entry.sh
                healthcheck:
                  test: ["CMD-SHELL", "curl localhost"]
                  interval: 10s
                security_opt: [label=role:ROLE, label=user:USER]
            """);
    }

    [Fact]
    public void Command_set_to_null_in_an_override_is_null()
    {
        // compose-go's "override" merger runs before its null check: null replaces.
        AssertMerge(
            "services: {foo: {command: [echo, foo]}}",
            "services: {foo: {command: null}}",
            "services: {foo: {command: null}}");
    }

    // ---------------------------------------------------------------- KEY=VALUE attributes

    [Fact]
    public void Test_mergeYamlEnvironmentSequence()
    {
        AssertMerge(
            """
            services:
              test:
                image: foo
                environment:
                  - FOO=BAR
            """,
            """
            services:
              test:
                environment:
                  - QIX=ZOT
                  - EMPTY=
                  - NIL
            """,
            """
            services:
              test:
                image: foo
                environment:
                  - FOO=BAR
                  - QIX=ZOT
                  - EMPTY=
                  - NIL
            """);
    }

    [Fact]
    public void Test_mergeYamlEnvironmentMapping()
    {
        // compose-go renders the result as the list [FOO=BAR, EMPTY=, NIL, QIX=ZOT]; two mappings stay a mapping here.
        AssertMerge(
            """
            services:
              test:
                image: foo
                environment:
                  FOO: BAR
            """,
            """
            services:
              test:
                environment:
                  EMPTY: ""
                  NIL: null
                  QIX: ZOT
            """,
            """
            services:
              test:
                image: foo
                environment:
                  FOO: BAR
                  EMPTY: ""
                  NIL: null
                  QIX: ZOT
            """);
    }

    [Fact]
    public void Test_mergeYamlEnvironmentMixed()
    {
        AssertMerge(
            """
            services:
              test:
                image: foo
                environment:
                  FOO: BAR
                  NIL:
            """,
            """
            services:
              test:
                environment:
                  - QIX=ZOT
                  - FOO=override
            """,
            """
            services:
              test:
                image: foo
                environment:
                  - FOO=override
                  - NIL
                  - QIX=ZOT
            """);
    }

    [Fact]
    public void Environment_keys_merge_by_key_whatever_the_form_and_a_null_value_replaces()
    {
        AssertMerge(
            """
            services:
              test:
                environment:
                  - A=1
                  - B=2
            """,
            """
            services:
              test:
                environment:
                  B: 20
                  A: null
                  C: 3
            """,
            """
            services:
              test:
                environment:
                  - A
                  - B=20
                  - C=3
            """);

        AssertMerge(
            "services: {test: {environment: {A: '1', B: '2'}}}",
            "services: {test: {environment: {B: null}}}",
            "services: {test: {environment: {A: '1', B: null}}}");
    }

    [Theory]
    [InlineData("environment")]
    [InlineData("labels")]
    [InlineData("build:\n      args")]
    [InlineData("build:\n      labels")]
    [InlineData("annotations")]
    [InlineData("sysctls")]
    [InlineData("build:\n      additional_contexts")]
    [InlineData("deploy:\n      labels")]
    public void Test_mergeYamlKeyValueSequenceLastEntryWins(string path)
    {
        AssertMerge(
            $"""
            services:
              test:
                image: foo
                {path}:
                  - MODE=release
            """,
            $"""
            services:
              test:
                {path}:
                  - MODE=debug
                  - MODE=release
            """,
            $"""
            services:
              test:
                image: foo
                {path}:
                  - MODE=release
            """);
    }

    [Fact]
    public void Test_mergeYamlKeyValueSequenceCompactsRepeatedBaseKeys()
    {
        AssertMerge(
            """
            jobs:
              test:
                image: foo
                labels:
                  - MODE=debug
                  - MODE=release
            """,
            """
            jobs:
              test:
                labels:
                  - MODE=debug
            """,
            """
            jobs:
              test:
                image: foo
                labels:
                  - MODE=debug
            """);
    }

    [Theory]
    [InlineData("[]", "[]", "[]")]
    [InlineData("{}", "{}", "{}")] // compose-go: [] (it always converts to a list)
    public void Test_mergeYamlKeyValueSequenceOfEmptyLists(string @base, string @override, string expected)
    {
        AssertMerge(
            $"secrets: {{test: {{labels: {@base}}}}}",
            $"secrets: {{test: {{labels: {@override}}}}}",
            $"secrets: {{test: {{labels: {expected}}}}}");
    }

    [Fact]
    public void Test_mergeYamlLabelsSequence()
    {
        AssertMerge(
            "services: {test: {image: foo, labels: [FOO=BAR]}}",
            "services: {test: {labels: [QIX=ZOT, EMPTY=, NIL]}}",
            "services: {test: {image: foo, labels: [FOO=BAR, QIX=ZOT, EMPTY=, NIL]}}");
    }

    [Fact]
    public void Test_mergeYamlLabelsNumber()
    {
        AssertMerge(
            "services: {test: {labels: {FOO: 1}}}",
            "services: {test: {labels: {FOO: 3}}}",
            "services: {test: {labels: {FOO: 3}}}");
    }

    [Fact]
    public void Test_mergeYamlDeployLabelsMixed()
    {
        AssertMerge(
            "services: {test: {image: foo, deploy: {labels: {FOO: BAR}}}}",
            "services: {test: {deploy: {labels: [QIX=ZOT]}}}",
            "services: {test: {image: foo, deploy: {labels: [FOO=BAR, QIX=ZOT]}}}");
    }

    [Fact]
    public void Test_mergeYamlBuildLabelsMixed()
    {
        AssertMerge(
            "services: {test: {image: foo, build: {labels: {FOO: BAR}}}}",
            "services: {test: {build: {labels: [QIX=ZOT]}}}",
            "services: {test: {image: foo, build: {labels: [FOO=BAR, QIX=ZOT]}}}");
    }

    [Fact]
    public void TestMergeSysctlsMixed()
    {
        AssertMerge(
            """
            services:
              test:
                image: foo
                sysctls:
                  "net.ipv6.conf.all.disable_ipv6": 1
            """,
            """
            services:
              test:
                sysctls:
                  - net.ipv4.tcp_keepalive_time=300
            """,
            """
            services:
              test:
                image: foo
                sysctls:
                  - net.ipv6.conf.all.disable_ipv6=1
                  - net.ipv4.tcp_keepalive_time=300
            """);
    }

    [Fact]
    public void TestMergeSysctlsNumbers()
    {
        AssertMerge(
            "services: {test: {sysctls: {net.ipv4.tcp_keepalive_time: 1}}}",
            "services: {test: {sysctls: [net.ipv4.tcp_keepalive_time=3]}}",
            "services: {test: {sysctls: [net.ipv4.tcp_keepalive_time=3]}}");
    }

    [Fact]
    public void Top_level_network_volume_secret_and_config_labels_merge_by_key()
    {
        AssertMerge(
            """
            networks: {n: {labels: [a=1, b=2]}}
            volumes: {v: {labels: [a=1]}}
            secrets: {s: {labels: {a: '1'}}}
            configs: {c: {labels: [a=1]}}
            """,
            """
            networks: {n: {labels: {b: '3'}}}
            volumes: {v: {labels: [a=2]}}
            secrets: {s: {labels: [a=2]}}
            configs: {c: {labels: {a: '2'}}}
            """,
            """
            networks: {n: {labels: [a=1, b=3]}}
            volumes: {v: {labels: [a=2]}}
            secrets: {s: {labels: [a=2]}}
            configs: {c: {labels: [a=2]}}
            """);
    }

    // ---------------------------------------------------------------- string-or-list attributes

    [Fact]
    public void TestMergeExtraHostsSequence()
    {
        AssertMerge(
            "services: {test: {image: foo, extra_hosts: [example.com=1.2.3.4]}}",
            "services: {test: {extra_hosts: [localhost=127.0.0.1]}}",
            "services: {test: {image: foo, extra_hosts: [example.com=1.2.3.4, localhost=127.0.0.1]}}");
    }

    [Fact]
    public void TestMergeExtraHostsMapping()
    {
        AssertMerge(
            """
            services:
              test:
                image: foo
                extra_hosts:
                  "example.com": "1.2.3.4"
            """,
            """
            services:
              test:
                extra_hosts:
                  "localhost": "127.0.0.1"
            """,
            """
            services:
              test:
                image: foo
                extra_hosts:
                  - example.com=1.2.3.4
                  - localhost=127.0.0.1
            """);
    }

    [Fact]
    public void TestMergeExtraHostsMixed()
    {
        AssertMerge(
            "services: {test: {image: foo, extra_hosts: {example.com: 1.2.3.4}}}",
            "services: {test: {extra_hosts: [localhost=127.0.0.1]}}",
            "services: {test: {image: foo, extra_hosts: [example.com=1.2.3.4, localhost=127.0.0.1]}}");
    }

    [Fact]
    public void Extra_hosts_keep_every_address_of_a_host_but_drop_identical_lines()
    {
        // A host may have several addresses (IPv4 and IPv6): compose-go only drops identical entries.
        AssertMerge(
            "services: {test: {extra_hosts: {myhost: 10.0.0.1, other: 10.0.0.9}}}",
            "services: {test: {extra_hosts: {myhost: ['::1', '10.0.0.1'], other: 10.0.0.9}}}",
            "services: {test: {extra_hosts: [myhost=10.0.0.1, other=10.0.0.9, 'myhost=::1']}}");
    }

    [Fact]
    public void TestMergeTmpfsSequence()
    {
        AssertMerge(
            "services: {test: {image: foo, tmpfs: [/foo]}}",
            "services: {test: {tmpfs: [/bar, /baz]}}",
            "services: {test: {image: foo, tmpfs: [/foo, /bar, /baz]}}");
    }

    [Fact]
    public void TestMergeTmpfsString()
    {
        AssertMerge(
            "services: {test: {image: foo, tmpfs: /foo}}",
            "services: {test: {tmpfs: /bar}}",
            "services: {test: {image: foo, tmpfs: [/foo, /bar]}}");
    }

    [Fact]
    public void TestMergeTmpfsMixed()
    {
        // (compose-go's expected snippets say "annotations:" here, a typo its assertion does not catch.)
        AssertMerge(
            "services: {test: {image: foo, tmpfs: /foo}}",
            "services: {test: {tmpfs: [/bar]}}",
            "services: {test: {image: foo, tmpfs: [/foo, /bar]}}");
        AssertMerge(
            "services: {test: {tmpfs: [/bar]}}",
            "services: {test: {image: foo, tmpfs: /foo}}",
            "services: {test: {tmpfs: [/bar, /foo], image: foo}}");
    }

    [Fact]
    public void Tmpfs_entries_are_unique_by_the_text_before_the_first_equals_sign()
    {
        // compose-go keys tmpfs with its KEY=VALUE indexer: "/run:size=1m" and "/run:size=2m" collide.
        AssertMerge(
            "services: {test: {tmpfs: ['/run:size=1m', /tmp]}}",
            "services: {test: {tmpfs: ['/run:size=2m', '/tmp:mode=1777']}}",
            "services: {test: {tmpfs: ['/run:size=2m', /tmp, '/tmp:mode=1777']}}");
    }

    [Fact]
    public void TestMergeEnvFilesSequence()
    {
        AssertMerge(
            "services: {test: {image: foo, env_file: [foo.env]}}",
            "services: {test: {env_file: [bar.env, baz.env]}}",
            "services: {test: {image: foo, env_file: [foo.env, bar.env, baz.env]}}");
    }

    [Fact]
    public void TestMergeEnvFilesString()
    {
        AssertMerge(
            "services: {test: {image: foo, env_file: foo.env}}",
            "services: {test: {env_file: bar.env}}",
            "services: {test: {image: foo, env_file: [foo.env, bar.env]}}");
    }

    [Fact]
    public void TestMergeEnvFilesMixed()
    {
        const string list = "services: {test: {env_file: [bar.env, foo.env]}}";
        const string single = "services: {test: {env_file: foo.env}}";
        AssertMerge(single, list, "services: {test: {env_file: [foo.env, bar.env]}}");
        AssertMerge(list, single, "services: {test: {env_file: [bar.env, foo.env]}}");

        // Unicity between string and mapping: keyed by path.
        AssertMerge(
            list,
            "services: {test: {env_file: [{path: foo.env, required: true}]}}",
            "services: {test: {env_file: [bar.env, {path: foo.env, required: true}]}}");
    }

    [Fact]
    public void Dns_options_append_and_a_string_is_a_one_item_list()
    {
        AssertMerge(
            "services: {test: {dns: 8.8.8.8, dns_search: example.com, dns_opt: [use-vc]}}",
            "services: {test: {dns: [9.9.9.9, 8.8.8.8], dns_search: [example.org], dns_opt: [use-vc, no-tld-query]}}",
            "services: {test: {dns: [8.8.8.8, 9.9.9.9], dns_search: [example.com, example.org], dns_opt: [use-vc, no-tld-query]}}");
    }

    // ---------------------------------------------------------------- unique resources

    [Fact]
    public void TestMergeVolumes()
    {
        AssertMerge(
            """
            services:
              test:
                image: foo
                volumes:
                 - a:/a
                 - type: bind
                   source: ./b
                   target: /b
            """,
            """
            services:
              test:
                volumes:
                  - c:/c
            """,
            """
            services:
              test:
                image: foo
                volumes:
                  - a:/a
                  - type: bind
                    source: ./b
                    target: /b
                  - c:/c
            """);
    }

    [Fact]
    public void TestOverrideVolume()
    {
        AssertMerge(
            "services: {test: {image: test, volumes: [./src:/src]}}",
            "services: {test: {volumes: [./src:/src]}}",
            "services: {test: {image: test, volumes: [./src:/src]}}");
    }

    [Fact]
    public void Volumes_are_merged_by_target_the_override_taking_the_base_place()
    {
        AssertMerge(
            "services: {test: {volumes: [./src:/src, 'data:/data:ro', /anon, 'C:\\dir:/win']}}",
            "services: {test: {volumes: [./other:/src, {type: volume, source: other, target: /data}, 'D:\\dir:/win:rw']}}",
            "services: {test: {volumes: [./other:/src, {type: volume, source: other, target: /data}, /anon, 'D:\\dir:/win:rw']}}");
    }

    [Theory]
    [InlineData("/data", "/data")]
    [InlineData("ab", "ab")]
    [InlineData("data:/data", "/data")]
    [InlineData("./src:/src:ro,z", "/src")]
    [InlineData("C:\\Users\\me:/home", "/home")]
    [InlineData("${SRC:-./x}:/target", "/target")]
    [InlineData("", null)]
    [InlineData("ab::c", null)]
    [InlineData("ab:cd:ef:gh", null)]
    [InlineData("a:b:c:d", "c:d")] // one-letter sections read as Windows drives, as in compose-go
    public void Short_volume_specs_are_split_like_compose_go_ParseVolume(string spec, string? target)
        => Assert.Equal(target, ComposeUnicity.VolumeTarget(spec));

    [Fact]
    public void Test_VolumeUnicity()
    {
        AssertResolved(
            """
            services:
              test:
                image: foo
                volumes:
                  - .:/foo
                  - foo:/bar
                  - src:/foo
            """,
            """
            services:
              test:
                image: foo
                volumes:
                  - src:/foo
                  - foo:/bar
            """);
    }

    [Fact]
    public void Test_EnvironmentUnicity()
    {
        AssertResolved(
            """
            services:
              test:
                image: foo
                environment:
                  - FOO=BAR
                  - BAR=QIX
                  - QIX=
                  - ZOT
                  - FOO=ZOT
                  - QIX
                  - ZOT=
            """,
            """
            services:
              test:
                image: foo
                environment:
                  - FOO=ZOT
                  - BAR=QIX
                  - QIX
                  - ZOT=
            """);
    }

    [Fact]
    public void Test_PortsShortUnicity()
    {
        AssertResolved(
            """
            services:
              test:
                image: foo
                ports:
                  - "9080:80"
                  - "9081:81"
                  - "9080:80"
                  - "5000"
                  - "6060:6060/udp"
                  - "9080:6060/udp"
            """,
            """
            services:
              test:
                image: foo
                ports:
                  - "9080:80"
                  - "9081:81"
                  - "5000"
                  - "6060:6060/udp"
                  - "9080:6060/udp"
            """);
    }

    [Fact]
    public void Test_PortsLongtUnicity()
    {
        AssertResolved(
            """
            services:
              test:
                image: foo
                ports:
                  - target: 80
                    host_ip: 127.0.0.1
                    published: "8080"
                    protocol: tcp
                    mode: host
                  - target: 81
                    published: "8080"
                    protocol: tcp
                  - target: 80
                    host_ip: 127.0.0.2
                    published: "8080"
                    protocol: tcp
                  - target: 81
                    published: "8080"
                    protocol: tcp
            """,
            """
            services:
              test:
                image: foo
                ports:
                  - target: 80
                    host_ip: 127.0.0.1
                    published: "8080"
                    protocol: tcp
                    mode: host
                  - target: 81
                    published: "8080"
                    protocol: tcp
                  - target: 80
                    host_ip: 127.0.0.2
                    published: "8080"
                    protocol: tcp
            """);
    }

    [Fact]
    public void Test_mergeYamlPortsLongSyntax()
    {
        AssertMerge(
            """
            services:
              test:
                image: foo
                ports:
                  - target: 8080
                    published: "80"
                    protocol: tcp
            """,
            """
            services:
              test:
                ports:
                  - target: 8080
                    published: "80"
                    protocol: tcp
                  - target: 8443
                    published: "443"
                    protocol: tcp
            """,
            """
            services:
              test:
                image: foo
                ports:
                  - {target: 8080, published: "80", protocol: tcp}
                  - {target: 8443, published: "443", protocol: tcp}
            """);
    }

    [Fact]
    public void Ports_are_deduplicated_but_different_publications_of_one_port_are_kept()
    {
        AssertMerge(
            "services: {test: {ports: ['8080:80', '9000']}}",
            "services: {test: {ports: ['8080:80', '8081:80', {target: 9000}]}}",
            "services: {test: {ports: ['8080:80', '9000', '8081:80', {target: 9000}]}}");
    }

    [Fact]
    public void Test_mergeYamlServiceMount()
    {
        AssertMerge(
            """
            services:
              test:
                image: foo
                secrets:
                  - foo
                  - bar
                  - zot
            """,
            """
            services:
              test:
                image: foo
                secrets:
                  - source: zot
                    target: /run/secrets/foo
            """,
            """
            services:
              test:
                image: foo
                secrets:
                  - source: zot
                    target: /run/secrets/foo
                  - bar
                  - zot
            """);
    }

    [Fact]
    public void Configs_are_unique_by_target_defaulting_to_slash_source()
    {
        AssertMerge(
            "services: {test: {configs: [app, {source: other, target: /etc/other}]}}",
            "services: {test: {configs: [{source: app2, target: /app}, {source: x, target: /etc/other}]}}",
            "services: {test: {configs: [{source: app2, target: /app}, {source: x, target: /etc/other}]}}");
    }

    [Fact]
    public void Test_mergeYamlDevices()
    {
        AssertMerge(
            "services: {test: {image: foo, devices: ['/dev/sda:/dev/sda', '/dev/sdb:/dev/sdb']}}",
            "services: {test: {devices: ['/dev/sde:/dev/sde', '/dev/sdf:/dev/sdf']}}",
            "services: {test: {image: foo, devices: ['/dev/sda:/dev/sda', '/dev/sdb:/dev/sdb', '/dev/sde:/dev/sde', '/dev/sdf:/dev/sdf']}}");
    }

    [Fact]
    public void Test_mergeYamlDevicesOverride()
    {
        AssertMerge(
            """
            services:
              test:
                image: foo
                devices:
                  - '/dev/sda:/dev/sda'
                  - '/dev/sdb:/dev/sdb'
                  - '/dev/sdc:/dev/sdc'
                  - '/dev/sdd:/dev/sdd'
            """,
            """
            services:
              test:
                devices:
                  - '/dev/nvme0n1p1:/dev/sda'
                  - '/dev/nvme1n1p1:/dev/sdb'
                  - '/dev/nvme2n1p1:/dev/sdc'
            """,
            """
            services:
              test:
                image: foo
                devices:
                  - '/dev/nvme0n1p1:/dev/sda'
                  - '/dev/nvme1n1p1:/dev/sdb'
                  - '/dev/nvme2n1p1:/dev/sdc'
                  - '/dev/sdd:/dev/sdd'
            """);
    }

    [Fact]
    public void Capabilities_expose_profiles_and_links_are_appended_once()
    {
        AssertMerge(
            "services: {test: {cap_add: [NET_ADMIN], cap_drop: [ALL], expose: ['80', 81], profiles: [dev], links: [db]}}",
            "services: {test: {cap_add: [NET_ADMIN, SYS_PTRACE], cap_drop: [ALL], expose: [80, '82'], profiles: [dev, debug], links: ['db:database', cache]}}",
            "services: {test: {cap_add: [NET_ADMIN, SYS_PTRACE], cap_drop: [ALL], expose: ['80', 81, '82'], profiles: [dev, debug], links: [db, 'db:database', cache]}}");
    }

    // ---------------------------------------------------------------- build, logging, ulimits

    [Fact]
    public void TestOverrideBuildContext()
    {
        AssertMerge(
            "services: {test: {build: .}}",
            "services: {test: {build: {context: src}}}",
            "services: {test: {build: {context: src}}}");
    }

    [Fact]
    public void Build_strings_merge_as_contexts()
    {
        AssertMerge("services: {test: {build: .}}", "services: {test: {build: ./src}}", "services: {test: {build: ./src}}");
        AssertMerge(
            "services: {test: {build: {context: ., target: dev}}}",
            "services: {test: {build: ./src}}",
            "services: {test: {build: {context: ./src, target: dev}}}");
    }

    [Fact]
    public void TestLoadExtendsSameFile_build_mappings_merge()
    {
        var merged = ComposeMerger.MergeService(
            Service("build: {context: ..}", "sub/compose.yaml"),
            Service("extends: base\nbuild: {target: target}", "sub/compose.yaml"));
        AssertTree("build: {context: .., target: target}\nextends: base", merged);
    }

    [Fact]
    public void Test_mergeYamlArgsMixed()
    {
        AssertMerge(
            """
            services:
              test:
                build:
                  context: .
                  args:
                    FOO: BAR
                  additional_contexts:
                    - resources=/path/to/resources
                    - app=docker-image://my-app:latest
                  platforms: [linux/amd64]
                  tags:
                    - "myimage:mytag"
            """,
            """
            services:
              test:
                build:
                  args:
                    - QIX=ZOT
                  additional_contexts:
                    app: docker-image://new-app:latest
                    source: https://github.com/myuser/project.git
                  platforms: [linux/arm64, linux/amd64]
                  tags:
                    - "registry/username/myrepos:my-other-tag"
                    - "myimage:mytag"
            """,
            """
            services:
              test:
                build:
                  context: .
                  args:
                    - FOO=BAR
                    - QIX=ZOT
                  additional_contexts:
                    - resources=/path/to/resources
                    - app=docker-image://new-app:latest
                    - source=https://github.com/myuser/project.git
                  platforms: [linux/amd64, linux/arm64]
                  tags:
                    - "myimage:mytag"
                    - "registry/username/myrepos:my-other-tag"
            """);
    }

    [Fact]
    public void Test_mergeYamlArgsNumber()
    {
        AssertMerge(
            "services: {test: {build: {context: ., args: {FOO: 1}}}}",
            "services: {test: {build: {context: ., args: {FOO: 3}}}}",
            "services: {test: {build: {context: ., args: {FOO: 3}}}}");
    }

    [Fact]
    public void Build_extra_hosts_append_without_identical_lines()
    {
        // compose-go's Test_mergeYamlBuildSequence predates mergeToSequence for build.extra_hosts and
        // expects "otherhost" replaced; the current rule keeps both addresses.
        AssertMerge(
            "services: {test: {build: {extra_hosts: [somehost=162.242.195.82, otherhost=50.31.209.229]}}}",
            "services: {test: {build: {extra_hosts: [otherhost=50.31.209.230, 'myhostv6=::1', somehost=162.242.195.82]}}}",
            "services: {test: {build: {extra_hosts: [somehost=162.242.195.82, otherhost=50.31.209.229, otherhost=50.31.209.230, 'myhostv6=::1']}}}");
    }

    [Fact]
    public void Test_mergeYamlLoggingSameDriver()
    {
        AssertMerge(
            """
            services:
              test:
                image: foo
                logging:
                  driver: syslog
                  options:
                    syslog-address: "tcp://192.168.0.42:123"
                    tag: web
            """,
            """
            services:
              test:
                logging:
                  driver: syslog
                  options:
                    syslog-address: "tcp://127.0.0.1:123"
            """,
            """
            services:
              test:
                image: foo
                logging:
                  driver: syslog
                  options:
                    syslog-address: "tcp://127.0.0.1:123"
                    tag: web
            """);
    }

    [Fact]
    public void Test_mergeYamlLoggingDistinctDriver()
    {
        AssertMerge(
            "services: {test: {image: foo, logging: {driver: local, options: {max-size: 10m}}}}",
            "services: {test: {logging: {driver: syslog, options: {syslog-address: 'tcp://127.0.0.1:123'}}}}",
            "services: {test: {image: foo, logging: {driver: syslog, options: {syslog-address: 'tcp://127.0.0.1:123'}}}}");
    }

    [Fact]
    public void Test_mergeYamlLoggingImplicitDriver()
    {
        AssertMerge(
            "services: {test: {image: foo, logging: {options: {max-size: 10m}}}}",
            "services: {test: {logging: {options: {max-file: 3}}}}",
            "services: {test: {image: foo, logging: {options: {max-size: 10m, max-file: 3}}}}");
    }

    [Fact]
    public void Test_mergeYamlUlimits()
    {
        AssertMerge(
            """
            services:
              test:
                image: foo
                ulimits:
                  nofile:
                      soft: 20000
                      hard: 40000
                  nproc: 65535
                  locks:
                      soft: 20000
                      hard: 40000
            """,
            """
            services:
              test:
                image: foo
                ulimits:
                  nofile:
                      soft: 10000
                      hard: 40000
                  nproc:
                      soft: 65535
                  locks:
                      hard: 65535
            """,
            """
            services:
              test:
                image: foo
                ulimits:
                  nofile:
                      soft: 10000
                      hard: 40000
                  nproc:
                      soft: 65535
                  locks:
                      soft: 20000
                      hard: 65535
            """);
    }

    [Fact]
    public void Test_mergeYamlUlimitsSyntaxCombinations()
    {
        AssertMerge(
            """
            services:
              test:
                ulimits:
                  short_over_short: 100
                  long_over_short: 100
                  short_over_long: {soft: 100, hard: 200}
                  long_over_long: {soft: 100, hard: 200}
            """,
            """
            services:
              test:
                ulimits:
                  short_over_short: 500
                  long_over_short: {soft: 500}
                  short_over_long: 500
                  long_over_long: {hard: 500}
            """,
            """
            services:
              test:
                ulimits:
                  short_over_short: 500
                  long_over_short: {soft: 500}
                  short_over_long: 500
                  long_over_long: {soft: 100, hard: 500}
            """);
    }

    // ---------------------------------------------------------------- networks, models, depends_on

    [Fact]
    public void Test_mergeYamlNetworkSequence()
    {
        // compose-go converts to {front-network: null, back-network: null}; two lists stay a list here.
        AssertMerge(
            "services: {test: {image: foo, networks: [front-network, back-network]}}",
            "services: {test: {networks: [front-network]}}",
            "services: {test: {image: foo, networks: [front-network, back-network]}}");
    }

    [Fact]
    public void Test_mergeYamlNetworksMapping()
    {
        AssertMerge(
            """
            services:
              test:
                image: foo
                networks:
                  network1:
                    aliases:
                      - alias1
                      - alias2
                    link_local_ips:
                      - 57.123.22.11
                      - 57.123.22.13
                  network2:
                    aliases:
                      - alias1
                      - alias3
            """,
            """
            services:
              test:
                networks:
                  network1:
                    aliases:
                      - alias3
                      - alias1
                    link_local_ips:
                      - 57.123.22.12
                      - 57.123.22.13
            """,
            """
            services:
              test:
                image: foo
                networks:
                  network1:
                    aliases:
                      - alias1
                      - alias2
                      - alias3
                    link_local_ips:
                      - 57.123.22.11
                      - 57.123.22.13
                      - 57.123.22.12
                  network2:
                    aliases:
                      - alias1
                      - alias3
            """);
    }

    [Fact]
    public void Test_mergeYamlNetworkstMixed()
    {
        AssertMerge(
            "services: {test: {image: foo, networks: [front-network, back-network, network1]}}",
            """
            services:
              test:
                image: foo
                networks:
                  network1:
                    aliases: [alias1, alias2]
                  network2:
                    aliases: [alias1, alias3]
            """,
            """
            services:
              test:
                image: foo
                networks:
                  front-network:
                  back-network:
                  network1:
                    aliases: [alias1, alias2]
                  network2:
                    aliases: [alias1, alias3]
            """);
    }

    [Fact]
    public void TestOverrideNetworks()
    {
        var merged = MergeAll(
            """
            name: test-override-networks
            services:
              test:
                image: test
                networks:
                  - test_network

            networks:
              test_network: {}
            """,
            """
            services:
              test:
                image: test
                networks:
                  test_network:
                    aliases:
                      - alias1
                      - alias2
            """);

        AssertTree(
            """
            name: test-override-networks
            services:
              test:
                image: test
                networks:
                  test_network:
                    aliases: [alias1, alias2]
            networks:
              test_network: {}
            """, merged);
    }

    [Fact]
    public void Test_mergeYamlServiceModelsMixed()
    {
        AssertMerge(
            "services: {test: {image: foo, models: [llm, embedding-model]}}",
            "services: {test: {models: {vision-model: {endpoint_var: VISION_URL, model_var: VISION_MODEL}}}}",
            """
            services:
              test:
                image: foo
                models:
                  llm:
                  embedding-model:
                  vision-model:
                    endpoint_var: VISION_URL
                    model_var: VISION_MODEL
            """);
    }

    [Fact]
    public void Test_mergeYamlServiceModelsShortSyntax_and_LongSyntax()
    {
        AssertMerge(
            "services: {test: {image: foo, models: [llm, embedding-model]}}",
            "services: {test: {models: [vision-model, llm]}}",
            "services: {test: {image: foo, models: [llm, embedding-model, vision-model]}}");
        AssertMerge(
            "services: {test: {models: {llm: {endpoint_var: OLD_URL, model_var: OLD_NAME}}}}",
            "services: {test: {models: {llm: {endpoint_var: NEW_URL}, embedding: {endpoint_var: E_URL}}}}",
            "services: {test: {models: {llm: {endpoint_var: NEW_URL, model_var: OLD_NAME}, embedding: {endpoint_var: E_URL}}}}");
    }

    [Fact]
    public void TestOverrideDepends_on()
    {
        AssertMerge(
            """
            name: test-override-networks
            services:
              test:
                image: test
                depends_on:
                  - foo
              foo:
                image: foo
            """,
            """
            services:
              test:
                depends_on:
                  foo:
                    condition: service_healthy
                    required: false
            """,
            """
            name: test-override-networks
            services:
              test:
                image: test
                depends_on:
                  foo:
                    condition: service_healthy
                    required: false
              foo:
                image: foo
            """);
    }

    [Fact]
    public void TestOverridePartial()
    {
        AssertMerge(
            "services: {test: {image: test, depends_on: {foo: {condition: service_healthy}}}, foo: {image: foo}}",
            "services: {test: {depends_on: {foo: {required: false}}}}",
            "services: {test: {image: test, depends_on: {foo: {condition: service_healthy, required: false}}}, foo: {image: foo}}");
    }

    [Fact]
    public void Depends_on_list_entries_get_compose_defaults_when_merged_with_a_mapping()
    {
        AssertMerge(
            "services: {test: {depends_on: {db: {condition: service_healthy}}}}",
            "services: {test: {depends_on: [cache, db]}}",
            "services: {test: {depends_on: {db: {condition: service_started, required: 'true'}, cache: {condition: service_started, required: 'true'}}}}");
        AssertMerge(
            "services: {test: {depends_on: [db]}}",
            "services: {test: {depends_on: [cache, db]}}",
            "services: {test: {depends_on: [db, cache]}}");
    }

    [Theory]
    [InlineData("networks")]
    [InlineData("models")]
    [InlineData("depends_on")]
    public void Test_mergeYamlNullOverrideOfMappingLikeAttribute(string attribute)
    {
        AssertMerge(
            $"services: {{test: {{image: foo, {attribute}: [runtime]}}}}",
            $"services: {{test: {{{attribute}: null}}}}",
            $"services: {{test: {{image: foo, {attribute}: [runtime]}}}}");
    }

    [Theory]
    [InlineData("networks")]
    [InlineData("models")]
    [InlineData("depends_on")]
    public void Test_mergeYamlNullBaseWithOverrideOfMappingLikeAttribute(string attribute)
    {
        AssertMerge(
            $"services: {{test: {{image: foo, {attribute}: null}}}}",
            $"services: {{test: {{{attribute}: [runtime]}}}}",
            $"services: {{test: {{image: foo, {attribute}: [runtime]}}}}");
    }

    [Theory]
    [InlineData("{image: alpine, depends_on: [y]}", "{depends_on: [{}]}", "{image: alpine, depends_on: [y, {}]}")]
    [InlineData("{image: alpine, depends_on: {y: {condition: service_healthy}}}", "{depends_on: [123, {}]}", "{image: alpine, depends_on: [123, {}]}")]
    [InlineData("{image: alpine, networks: {front: {}}}", "{networks: [{}]}", "{image: alpine, networks: [{}]}")]
    [InlineData("{image: alpine, depends_on: [{}]}", "{depends_on: {y: {}}}", "{image: alpine, depends_on: {y: {}}}")]
    public void Test_mergeInvalidListElement(string @base, string @override, string expected)
    {
        // compose-go reports "cannot use ... as a mapping key"; here the override wins and the model builder reports.
        AssertMerge($"services: {{x: {@base}}}", $"services: {{x: {@override}}}", $"services: {{x: {expected}}}");
    }

    // ---------------------------------------------------------------- ipam

    [Fact]
    public void Ipam_configs_of_the_same_subnet_merge()
    {
        AssertMerge(
            "networks: {n: {ipam: {driver: default, config: [{subnet: 172.28.0.0/16, gateway: 172.28.0.1}]}}}",
            "networks: {n: {ipam: {config: [{subnet: 172.28.0.0/16, ip_range: 172.28.5.0/24}]}}}",
            "networks: {n: {ipam: {driver: default, config: [{subnet: 172.28.0.0/16, gateway: 172.28.0.1, ip_range: 172.28.5.0/24}]}}}");
    }

    [Fact]
    public void Ipam_configs_follow_compose_go_base_configs_of_subnets_the_override_does_not_name_are_dropped()
    {
        AssertMerge(
            "networks: {n: {ipam: {config: [{subnet: 10.0.0.0/24, gateway: 10.0.0.1}]}}}",
            "networks: {n: {ipam: {config: [{subnet: 10.0.2.0/24}]}}}",
            "networks: {n: {ipam: {config: [{subnet: 10.0.2.0/24}]}}}");
        AssertMerge(
            "networks: {n: {ipam: {config: [{subnet: 10.0.1.0/24, gateway: 10.0.1.1}]}}}",
            "networks: {n: {ipam: {config: [{subnet: 10.0.2.0/24}, {subnet: 10.0.1.0/24, ip_range: 10.0.1.128/25}]}}}",
            "networks: {n: {ipam: {config: [{subnet: 10.0.2.0/24}, {subnet: 10.0.1.0/24, gateway: 10.0.1.1, ip_range: 10.0.1.128/25}]}}}");
    }

    [Fact]
    public void Ipam_configs_reproduce_compose_go_loop_step_by_step()
    {
        // With two base subnets, compose-go's loop merges the second base config into override configs
        // already listed (its maps are merged in place); reproduced as is.
        AssertMerge(
            "networks: {n: {ipam: {config: [{subnet: 10.0.0.0/24}, {subnet: 10.0.1.0/24, gateway: 10.0.1.1}]}}}",
            "networks: {n: {ipam: {config: [{subnet: 10.0.2.0/24}, {subnet: 10.0.1.0/24, ip_range: 10.0.1.128/25}]}}}",
            "networks: {n: {ipam: {config: [{subnet: 10.0.1.0/24, gateway: 10.0.1.1, ip_range: 10.0.1.128/25}, {subnet: 10.0.1.0/24, ip_range: 10.0.1.128/25}]}}}");
    }

    // ---------------------------------------------------------------- !reset and !override

    [Fact]
    public void TestResetRemove()
    {
        AssertMerge(
            "name: test-reset\nnetworks:\n  test:\n    name: test\n    external: true\n",
            "networks:\n  test: !reset {}\n",
            "name: test-reset\nnetworks: {}\n");
    }

    [Fact]
    public void TestOverrideReplace()
    {
        AssertMerge(
            "name: test-override\nnetworks:\n  test:\n    name: test\n    external: true\n",
            "networks:\n  test: !override {}\n",
            "name: test-override\nnetworks:\n  test: {}\n");
    }

    [Fact]
    public void Reset_removes_scalars_lists_and_mappings_and_merging_keeps_the_marker_until_resolved()
    {
        var merged = ComposeMerger.MergeFiles(
            Read("services: {web: {image: nginx, ports: ['80:80'], environment: {A: '1', B: '2'}, user: root}}", "base.yml"),
            Read("services:\n  web:\n    image: !reset null\n    ports: !reset []\n    environment:\n      A: !reset\n    cpus: !reset 1\n", "override.yml"));

        AssertTree("services: {web: {image: !reset null, ports: !reset [], environment: {A: !reset '', B: '2'}, user: root, cpus: !reset '1'}}", merged);
        AssertTree("services: {web: {environment: {B: '2'}, user: root}}", ComposeMerger.ResolveTags(merged));
    }

    [Fact]
    public void A_value_set_after_a_reset_replaces_what_came_before_it()
    {
        var merged = ComposeMerger.ResolveTags(MergeAll(
            "services: {web: {ports: ['80:80']}}",
            "services: {web: {ports: !reset []}}",
            "services: {web: {ports: ['8080:80']}}"));
        AssertTree("services: {web: {ports: ['8080:80']}}", merged);
    }

    [Fact]
    public void Reset_items_are_dropped_from_their_own_list()
    {
        AssertMerge(
            "services: {web: {ports: ['80:80', '81:81']}}",
            "services: {web: {ports: [!reset '80:80', '82:82'], dns: [!reset 1.1.1.1]}}",
            "services: {web: {ports: ['80:80', '81:81', '82:82'], dns: []}}");
    }

    [Fact]
    public void Override_replaces_instead_of_merging()
    {
        AssertMerge(
            """
            services:
              web:
                ports: ['80:80']
                environment: {A: '1', B: '2'}
                deploy: {replicas: 2, resources: {limits: {cpus: '1'}}}
            """,
            """
            services:
              web:
                ports: !override ['8080:80']
                environment: !override {B: '3'}
                deploy: !override {resources: {limits: {memory: 1g}}}
            """,
            """
            services:
              web:
                ports: ['8080:80']
                environment: {B: '3'}
                deploy: {resources: {limits: {memory: 1g}}}
            """);
    }

    [Fact]
    public void TestResetTagWithSharedAlias()
    {
        AssertMerge(
            """
            name: test
            services:
              svc1:
                image: alpine
                ports:
                  - "8080:80"
              svc2:
                image: nginx
                ports:
                  - "9090:90"
            """,
            """
            x-reset-ports: &reset-ports
              ports: !reset []

            services:
              svc1:
                <<: *reset-ports
              svc2:
                <<: *reset-ports
            """,
            """
            name: test
            services:
              svc1:
                image: alpine
              svc2:
                image: nginx
            x-reset-ports: {}
            """);
    }

    [Fact]
    public void TestNestedAliasReset()
    {
        AssertMerge(
            "name: test\nservices:\n  svc:\n    image: alpine\n    ports:\n      - \"8080:80\"\n",
            """
            x-inner: &inner
              ports: !reset []

            x-outer: &outer
              <<: *inner

            services:
              svc:
                <<: *outer
            """,
            "name: test\nservices:\n  svc:\n    image: alpine\nx-inner: {}\nx-outer: {}\n");
    }

    [Fact]
    public void TestDirectAliasWithReset()
    {
        AssertMerge(
            "name: test\nservices:\n  svc1:\n    image: alpine\n    ports: ['8080:80']\n  svc2:\n    image: nginx\n    ports: ['9090:90']\n",
            "x-reset: &reset !reset []\n\nservices:\n  svc1:\n    ports: *reset\n  svc2:\n    ports: *reset\n",
            "name: test\nservices:\n  svc1:\n    image: alpine\n  svc2:\n    image: nginx\n");
    }

    [Fact]
    public void TestOverrideTagWithSharedAlias()
    {
        AssertMerge(
            """
            name: test
            networks:
              net1:
                external: true
                name: external-net-1
              net2:
                external: true
                name: external-net-2
            """,
            """
            x-override: &ov !override {}

            networks:
              net1: *ov
              net2: *ov
            """,
            "name: test\nnetworks:\n  net1: {}\n  net2: {}\nx-override: {}\n");
    }

    [Fact]
    public void ResolveTags_on_a_single_file_removes_resets_and_strips_overrides()
    {
        var resolved = ComposeMerger.ResolveTags(Read(
            "services: {web: {image: !reset x, ports: !override ['80:80', !reset '81:81'], labels: !override {a: !override b}}}",
            "compose.yml"));
        AssertTree("services: {web: {ports: ['80:80'], labels: {a: b}}}", resolved);
    }

    [Fact]
    public void A_reset_root_resolves_to_an_empty_document()
    {
        var merged = ComposeMerger.MergeFiles(Read("services: {web: {image: a}}", "base.yml"), Read("!reset {services: {}}", "override.yml"));
        Assert.Empty(ComposeMerger.ResolveTags(merged).Entries);
    }

    // ---------------------------------------------------------------- extends (MergeService)

    [Fact]
    public void TestLoadExtendsDependsOn()
    {
        var serviceB = ComposeMerger.ResolveTags(ComposeMerger.MergeService(
            Service("image: a\ndepends_on: [service_c]", "compose.yml"),
            Service("extends: service_a\ndepends_on: !override [service_a]", "compose.yml")));
        AssertTree("image: a\ndepends_on: [service_a]\nextends: service_a", serviceB);
    }

    [Fact]
    public void TestExtendsReset()
    {
        var @base = ComposeMerger.MergeService(
            Service("image: alpine:latest\ncommand: sleep infinity", "reset.yaml"),
            Service("extends: {service: init}\ncommand: !reset", "reset.yaml"));
        var test = ComposeMerger.MergeService(WithoutExtends(@base), Service("extends: {file: reset.yaml, service: base}", "compose.yml"));
        AssertTree("image: alpine:latest\nextends: {file: reset.yaml, service: base}", ComposeMerger.ResolveTags(test));
    }

    [Fact]
    public void TestExtendsPort()
    {
        var test = ComposeMerger.MergeService(
            Service("ports: ['8000:8000']", "base.yaml"),
            Service("image: test\nextends: {file: base.yaml, service: with-port}", "compose.yml"));
        AssertTree("ports: ['8000:8000']\nimage: test\nextends: {file: base.yaml, service: with-port}", test);
    }

    [Fact]
    public void TestOverrideSelfExtends()
    {
        var mainOne = Service("image: nginx\ndepends_on: [depend_one]\nports: ['8090:80']", "compose.yml");
        var mainTwo = ComposeMerger.MergeService(mainOne, Service("extends: main_one\ndepends_on: !override [depend_two]", "compose.yml"));
        var main = ComposeMerger.MergeService(WithoutExtends(mainTwo), Service("extends: {service: main_two}\ndepends_on: [depend_base]", "compose.yml"));

        AssertTree(
            "image: nginx\ndepends_on: [depend_two, depend_base]\nports: ['8090:80']\nextends: {service: main_two}",
            ComposeMerger.ResolveTags(main));
    }

    [Fact]
    public void TestOverrideMiddle()
    {
        var @base = Service("volumes: ['/foo:/foo']\nnetworks: [foo]", "base.yaml");
        var middle = ComposeMerger.MergeService(@base, Service(
            "extends: {file: ./base.yaml, service: base}\nvolumes: !override ['/bar:/bar']\nnetworks: !override [bar]", "override.yaml"));
        var test = ComposeMerger.MergeService(WithoutExtends(middle), Service(
            "image: test\nextends: {file: ./override.yaml, service: override}\nvolumes: ['/zot:/zot']\nnetworks: !override [zot]", "compose.yaml"));

        AssertTree(
            "volumes: ['/bar:/bar', '/zot:/zot']\nnetworks: [zot]\nimage: test\nextends: {file: ./override.yaml, service: override}",
            ComposeMerger.ResolveTags(test));
    }

    [Fact]
    public void Tags_survive_file_merges_so_extends_resolved_afterwards_still_honours_them()
    {
        // Files merged first, extends resolved on the merged tree (what the loader does): compose-go
        // resolves extends per file, so the override file's !override and !reset, and what a later
        // file adds after them, must still replace the extended service's values.
        var files = MergeAll(
            """
            services:
              base: {image: base, ports: ['80:80'], environment: {A: '1'}, dns: [1.1.1.1]}
              app:
                extends: base
                ports: ['81:81']
                environment: {B: '2'}
            """,
            """
            services:
              app:
                ports: !override ['90:90']
                environment: !reset {}
                dns: !reset []
            """,
            """
            services:
              app:
                ports: ['91:91']
                environment: {C: '3'}
            """);

        var services = (YMapping)files.Get("services")!;
        var app = ComposeMerger.MergeService((YMapping)services.Get("base")!, (YMapping)services.Get("app")!);

        AssertTree(
            "image: base\nports: ['90:90', '91:91']\nenvironment: {C: '3'}\nextends: base",
            ComposeMerger.ResolveTags(app));
    }

    [Fact]
    public void A_service_replaced_with_override_in_a_later_file_still_extends_its_base()
    {
        // compose-go resolves the later file's extends first, then drops the earlier definition.
        var files = MergeAll(
            "services: {base: {image: base, ports: ['80:80']}, app: {extends: base, user: root, ports: ['81:81']}}",
            "services: {app: !override {extends: base, hostname: app}}");
        var services = (YMapping)files.Get("services")!;
        var app = ComposeMerger.MergeService((YMapping)services.Get("base")!, (YMapping)services.Get("app")!);

        AssertTree("image: base\nports: ['80:80']\nextends: base\nhostname: app", ComposeMerger.ResolveTags(app));
    }

    [Fact]
    public void Many_ipam_configs_merge_by_subnet_in_linear_time()
    {
        static string Configs(int count, string key) => "networks: {n: {ipam: {config: ["
            + string.Join(", ", Enumerable.Range(0, count).Select(i => $"{{subnet: '10.{i / 256}.{i % 256}.0/24', {key}: x{i}}}")) + "]}}}";

        YMapping? merged = null;
        merged = ComposeMerger.MergeFiles(Read(Configs(3000, "gateway"), "base.yml"), Read(Configs(3000, "ip_range"), "override.yml"));

        var configs = (YSequence)((YMapping)((YMapping)((YMapping)merged!.Get("networks")!).Get("n")!).Get("ipam")!).Get("config")!;
        Assert.Equal(3000, configs.Items.Count);
        AssertTree("{subnet: '10.11.183.0/24', gateway: x2999, ip_range: x2999}", configs.Items[2999]);
    }

    // ---------------------------------------------------------------- spans

    [Fact]
    public void The_winning_value_keeps_the_span_of_the_file_that_wrote_it()
    {
        var merged = ComposeMerger.MergeFiles(
            Read("services:\n  web:\n    image: nginx\n    user: root\n    ports:\n      - '80:80'\n", "base.yml"),
            Read("services:\n  web:\n    image: nginx:1.27\n    ports:\n      - '81:81'\n", "override.yml"));

        var web = (YMapping)((YMapping)merged.Get("services")!).Get("web")!;
        var image = web.Find("image")!;
        Assert.Equal("nginx:1.27", ((YScalar)image.Value).Value);
        Assert.Equal(("override.yml", 3), (image.Value.Span.Path, image.Value.Span.StartLine));
        Assert.Equal(("override.yml", 3), (image.KeySpan.Path, image.KeySpan.StartLine));
        Assert.Equal("override.yml", image.Origin.Path);

        Assert.Equal(("base.yml", 4), (web.Get("user")!.Span.Path, web.Get("user")!.Span.StartLine));
        Assert.Equal("base.yml", web.Span.Path);

        var ports = (YSequence)web.Get("ports")!;
        Assert.Equal(new[] { ("base.yml", 6), ("override.yml", 5) }, ports.Items.Select(p => (p.Span.Path, p.Span.StartLine)));
    }

    [Fact]
    public void Key_value_entries_point_at_the_file_and_line_of_the_entry_that_won()
    {
        const string overrideText = "services:\n  web:\n    environment:\n      B: '20'\n      C: ${VAR:-x}\n";
        var merged = ComposeMerger.MergeFiles(
            Read("services:\n  web:\n    environment:\n      - A=1\n      - B=2\n", "base.yml"),
            Read(overrideText, "override.yml"));

        var environment = (YSequence)((YMapping)((YMapping)merged.Get("services")!).Get("web")!).Get("environment")!;
        var items = environment.Items.Cast<YScalar>().ToList();
        Assert.Equal(new[] { "A=1", "B=20", "C=x" }, items.Select(i => i.Value));
        Assert.Equal(new[] { ("base.yml", 4), ("override.yml", 4), ("override.yml", 5) }, items.Select(i => (i.Span.Path, i.Span.StartLine)));
        Assert.Equal("C: ${VAR:-x}", overrideText.Substring(items[2].Span.Start, items[2].Span.Length));

        // The converted entry keeps its interpolation template, offsets shifted past "C=".
        Assert.Equal("C=${VAR:-x}", items[2].Template.Raw);
        var variable = Assert.Single(items[2].Template.Parts.OfType<VariablePart>());
        Assert.Equal("${VAR:-x}", items[2].Template.Raw.Substring(variable.Offset, variable.Length));
    }

    [Fact]
    public void Synthesized_defaults_point_at_the_list_entry_they_come_from()
    {
        var merged = ComposeMerger.MergeFiles(
            Read("services:\n  web:\n    depends_on:\n      - db\n    build: ./app\n", "base.yml"),
            Read("services:\n  web:\n    depends_on:\n      cache: {condition: service_healthy}\n    build:\n      target: dev\n", "override.yml"));

        var web = (YMapping)((YMapping)merged.Get("services")!).Get("web")!;
        var db = (YMapping)((YMapping)web.Get("depends_on")!).Get("db")!;
        Assert.All(db.Entries, e => Assert.Equal(("base.yml", 4), (e.Value.Span.Path, e.Value.Span.StartLine)));
        var context = ((YMapping)web.Get("build")!).Find("context")!;
        Assert.Equal(("base.yml", 5, "./app"), (context.Value.Span.Path, context.Value.Span.StartLine, ((YScalar)context.Value).Value));
        var target = ((YMapping)web.Get("build")!).Find("target")!;
        Assert.Equal(("override.yml", 6), (target.Value.Span.Path, target.Value.Span.StartLine));
    }

    // ---------------------------------------------------------------- robustness and scale

    [Fact]
    public void Any_pair_of_trees_merges_without_throwing()
    {
        var random = new Random(1234);
        var trees = Enumerable.Range(0, 300).Select(_ => RandomTree(random, 0)).ToList();
        for (var i = 0; i < trees.Count; i++)
        {
            var a = trees[i];
            var b = trees[(i * 7 + 3) % trees.Count];
            var merged = ComposeMerger.MergeFiles(a, b);
            ComposeMerger.ResolveTags(merged);
            ComposeMerger.ResolveTags(ComposeMerger.MergeService(a, b));
            if (a.Get("services") is YMapping services && b.Get("services") is YMapping others)
            {
                foreach (var service in services.Entries.Select(e => e.Value).OfType<YMapping>())
                {
                    foreach (var other in others.Entries.Select(e => e.Value).OfType<YMapping>())
                        ComposeMerger.ResolveTags(ComposeMerger.MergeService(service, other));
                }
            }
        }
    }

    [Fact]
    public void Five_thousand_services_merge_correctly()
    {
        static string Project(int count, string variant)
        {
            var text = new StringBuilder("services:\n");
            for (var i = 0; i < count; i++)
            {
                text.Append($"  svc{i}:\n    image: img{i}:{variant}\n    environment: [A={variant}, B=b]\n")
                    .Append($"    ports: ['{8000 + i % 1000}:80']\n    volumes: ['./v{i}:/data', './{variant}:/{variant}']\n    depends_on: [svc{(i + 1) % count}]\n    labels: {{x: {variant}}}\n");
            }

            return text.ToString();
        }

        var merged = ComposeMerger.MergeFiles(Read(Project(5000, "a"), "base.yml"), Read(Project(5000, "b"), "override.yml"));
        var svc = (YMapping)((YMapping)merged.Get("services")!).Get("svc4999")!;
        AssertTree(
            "image: img4999:b\nenvironment: [A=b, B=b]\nports: ['8999:80']\nvolumes: ['./v4999:/data', './a:/a', './b:/b']\ndepends_on: [svc0]\nlabels: {x: b}",
            svc);
    }

    [Fact]
    public void Long_lists_merge_correctly()
    {
        var @base = new StringBuilder("services:\n  web:\n    ports:\n");
        var @override = new StringBuilder("services:\n  web:\n    ports:\n");
        for (var i = 0; i < 20000; i++)
        {
            @base.Append($"      - '{i}:{i}'\n");
            @override.Append($"      - '{i + 10000}:{i + 10000}'\n");
        }

        YMapping? merged = null;
        merged = ComposeMerger.ResolveTags(ComposeMerger.MergeFiles(Read(@base.ToString(), "base.yml"), Read(@override.ToString(), "override.yml")));
        Assert.Equal(30000, ((YSequence)((YMapping)((YMapping)merged!.Get("services")!).Get("web")!).Get("ports")!).Items.Count);
    }

    // ---------------------------------------------------------------- helpers

    private static YMapping Read(string yaml, string path)
    {
        var read = YamlReader.Read(yaml, path, DictionaryVariableSource.Empty);
        Assert.True(read.Problems.Count == 0, string.Join("\n", read.Problems));
        return Assert.IsType<YMapping>(read.Root);
    }

    private static YMapping Service(string yaml, string path) => Read(yaml, path);

    /// <summary>What the loader hands to MergeService as the base: the extended service without its own <c>extends</c>.</summary>
    private static YMapping WithoutExtends(YMapping service)
        => new(service.Entries.Where(e => e.Key != "extends").ToList(), service.Span, service.Tag);

    /// <summary>Merges files in order, as <c>-f a -f b -f c</c> (without resolving tags).</summary>
    private static YMapping MergeAll(string first, params string[] overrides)
    {
        var merged = Read(first, "base.yml");
        for (var i = 0; i < overrides.Length; i++)
            merged = ComposeMerger.MergeFiles(merged, Read(overrides[i], i == 0 ? "override.yml" : $"override{i + 1}.yml"));
        return merged;
    }

    /// <summary>compose-go's assertMergeYaml: base and override merged (tags resolved as at the end of a load) give the expected tree.</summary>
    private static void AssertMerge(string @base, string @override, string expected)
        => AssertTree(expected, ComposeMerger.ResolveTags(MergeAll(@base, @override)));

    /// <summary>compose-go's assertUnicity: one file, resolved.</summary>
    private static void AssertResolved(string before, string expected)
        => AssertTree(expected, ComposeMerger.ResolveTags(Read(before, "compose.yml")));

    private static void AssertTree(string expectedYaml, YNode actual)
        => Assert.Equal(Render(Read(expectedYaml, "expected.yml")), Render(actual));

    /// <summary>A canonical one-line rendering: keys in order, scalars quoted, nulls as null, tags shown.</summary>
    internal static string Render(YNode node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    private static void Write(StringBuilder text, YNode node)
    {
        if (node.Tag is { } tag)
            text.Append(tag).Append(' ');
        switch (node)
        {
            case YScalar { IsNull: true }:
                text.Append("null");
                break;
            case YScalar scalar:
                text.Append('"').Append(scalar.Value.Replace("\\", "\\\\").Replace("\"", "\\\"")).Append('"');
                break;
            case YSequence sequence:
                text.Append('[');
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    if (i > 0)
                        text.Append(", ");
                    Write(text, sequence.Items[i]);
                }

                text.Append(']');
                break;
            case YMapping mapping:
                text.Append('{');
                for (var i = 0; i < mapping.Entries.Count; i++)
                {
                    if (i > 0)
                        text.Append(", ");
                    text.Append(mapping.Entries[i].Key).Append(": ");
                    Write(text, mapping.Entries[i].Value);
                }

                text.Append('}');
                break;
        }
    }


    private static readonly string[] Keys =
    {
        "services", "networks", "volumes", "secrets", "configs", "jobs", "web", "db", "build", "logging", "driver", "options",
        "environment", "labels", "ports", "depends_on", "ulimits", "nofile", "ipam", "config", "subnet", "extra_hosts",
        "tmpfs", "dns", "deploy", "healthcheck", "test", "command", "models", "target", "source", "context", "volume",
    };

    private static readonly string?[] Tags = { null, null, null, null, null, "!reset", "!override", "!!str" };

    private static YMapping RandomTree(Random random, int depth)
        => (YMapping)RandomNode(random, depth, forceMapping: true);

    private static YNode RandomNode(Random random, int depth, bool forceMapping = false)
    {
        var span = ComposeGen.Model.SourceSpan.None(random.Next(2) == 0 ? "base.yml" : "override.yml");
        var tag = Tags[random.Next(Tags.Length)];
        var kind = forceMapping ? 0 : depth > 5 ? 2 : random.Next(3);
        switch (kind)
        {
            case 0:
                var entries = new List<YEntry>();
                var used = new HashSet<string>();
                for (var i = random.Next(6); i > 0; i--)
                {
                    var key = Keys[random.Next(Keys.Length)];
                    if (used.Add(key))
                        entries.Add(new YEntry(key, span, RandomNode(random, depth + 1)));
                }

                return new YMapping(entries, span, forceMapping ? null : tag);
            case 1:
                return new YSequence(Enumerable.Range(0, random.Next(5)).Select(_ => RandomNode(random, depth + 1)).ToList(), span, tag);
            default:
                var values = new[] { "", "~", "a", "a=b", "80:80", "/x:/y", "1", "true", "${X}", "10.0.0.0/24", "a:b:c:d" };
                return new YScalar(values[random.Next(values.Length)], isPlain: random.Next(2) == 0, span, tag);
        }
    }
}
