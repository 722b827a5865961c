using System;
using System.Collections.Generic;

namespace ComposeGen.Parsing.Building;

/// <summary>
/// The keys each compose section allows: the published compose-spec.json schema, plus the keys
/// compose-go's newer bundled schema already knows. A test keeps these in step with the schema.
/// <c>x-</c> keys are allowed everywhere and are not listed.
/// </summary>
internal static class ComposeKeys
{
    public static readonly HashSet<string> TopLevel = Set("configs", "include", "models", "name", "networks", "secrets", "services", "version", "volumes");

    public static readonly HashSet<string> Service = Set(
        "annotations", "attach", "blkio_config", "build", "cap_add", "cap_drop", "cgroup", "cgroup_parent", "command", "configs",
        "container_name", "cpu_count", "cpu_percent", "cpu_period", "cpu_quota", "cpu_rt_period", "cpu_rt_runtime", "cpu_shares",
        "cpus", "cpuset", "credential_spec", "depends_on", "deploy", "develop", "device_cgroup_rules", "devices", "dns", "dns_opt",
        "dns_search", "domainname", "entrypoint", "env_file", "environment", "expose", "extends", "external_links", "extra_hosts",
        "gpus", "group_add", "healthcheck", "hostname", "image", "init", "ipc", "isolation", "label_file", "labels", "links",
        "logging", "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "models", "network_mode",
        "networks", "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports", "post_start", "pre_stop",
        "privileged", "profiles", "provider", "pull_policy", "pull_refresh_after", "read_only", "restart", "runtime", "scale",
        "secrets", "security_opt", "shm_size", "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "sysctls", "tmpfs",
        "tty", "ulimits", "use_api_socket", "user", "userns_mode", "uts", "volumes", "volumes_from", "working_dir",
        // compose-go's bundled schema, newer than the published one:
        "pre_start");

    public static readonly HashSet<string> Build = Set(
        "additional_contexts", "args", "cache_from", "cache_to", "context", "dockerfile", "dockerfile_inline", "entitlements",
        "extra_hosts", "isolation", "labels", "network", "no_cache", "platforms", "privileged", "provenance", "pull", "sbom",
        "secrets", "shm_size", "ssh", "tags", "target", "ulimits",
        "no_cache_filter");

    public static readonly HashSet<string> Network = Set("attachable", "driver", "driver_opts", "enable_ipv4", "enable_ipv6", "external", "internal", "ipam", "labels", "name");

    public static readonly HashSet<string> Volume = Set("driver", "driver_opts", "external", "labels", "name");

    public static readonly HashSet<string> Secret = Set("driver", "driver_opts", "environment", "external", "file", "labels", "name", "template_driver");

    public static readonly HashSet<string> Config = Set("content", "environment", "external", "file", "labels", "name", "template_driver");

    public static readonly HashSet<string> Healthcheck = Set("disable", "interval", "retries", "start_interval", "start_period", "test", "timeout");

    public static readonly HashSet<string> Deploy = Set("endpoint_mode", "labels", "mode", "placement", "replicas", "resources", "restart_policy", "rollback_config", "update_config");

    public static readonly HashSet<string> PortLong = Set("app_protocol", "host_ip", "mode", "name", "protocol", "published", "target");

    public static readonly HashSet<string> VolumeLong = Set("bind", "consistency", "image", "read_only", "source", "target", "tmpfs", "type", "volume");

    public static readonly HashSet<string> BindOptions = Set("create_host_path", "propagation", "recursive", "selinux");

    public static readonly HashSet<string> VolumeOptions = Set("labels", "nocopy", "subpath");

    public static readonly HashSet<string> TmpfsOptions = Set("mode", "size");

    public static readonly HashSet<string> ImageOptions = Set("subpath");

    public static readonly HashSet<string> DependsOnLong = Set("condition", "required", "restart");

    public static readonly HashSet<string> ServiceNetwork = Set("aliases", "driver_opts", "gw_priority", "interface_name", "ipv4_address", "ipv6_address", "link_local_ips", "mac_address", "priority");

    public static readonly HashSet<string> Extends = Set("file", "service");

    public static readonly HashSet<string> FileObjectReference = Set("gid", "mode", "source", "target", "uid");

    public static readonly HashSet<string> Include = Set("env_file", "path", "project_directory");

    private static HashSet<string> Set(params string[] keys) => new(keys, StringComparer.Ordinal);
}
