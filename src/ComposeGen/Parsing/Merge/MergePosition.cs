namespace ComposeGen.Parsing.Merge;

/// <summary>
/// Where a node sits in a compose document, as far as merging cares: compose-go's special paths
/// (<c>services.*.build</c>, <c>networks.*.ipam.config</c>, ...) resolved once per key instead of
/// matching path patterns at every node.
/// </summary>
internal enum MergePosition
{
    Generic,
    Root,
    Services,
    Jobs,
    Service,
    Job,
    Build,
    Deploy,
    Healthcheck,
    Ulimits,
    ServiceVolumes,
    ServiceVolume,
    ServiceVolumeOptions,
    Networks,
    Network,
    Ipam,
    Resources,
    Resource,
}

/// <summary>How two values at one key are combined (compose-go <c>override/merge.go</c>, <c>mergeSpecials</c>).</summary>
internal enum MergeRule
{
    /// <summary>Mappings merge by key, sequences append (identical entries once), scalars: the override wins.</summary>
    Generic,

    /// <summary><c>command</c>, <c>entrypoint</c>, <c>healthcheck.test</c>: the override replaces.</summary>
    Replace,

    /// <summary><c>environment</c>, <c>labels</c>, <c>build.args</c>, ...: KEY=VALUE lists or mappings, merged by key.</summary>
    KeyValue,

    /// <summary><c>dns</c>, <c>env_file</c>, <c>extra_hosts</c>, <c>tmpfs</c>, ...: string or list, appended (identical entries once).</summary>
    ToSequence,

    /// <summary><c>depends_on</c>: list or mapping, merged by service (list entries default to service_started, required).</summary>
    DependsOn,

    /// <summary><c>networks</c>, <c>models</c> of a service: list or mapping, merged by name.</summary>
    AsMapping,

    /// <summary><c>build</c>: a string is <c>{context: string}</c>.</summary>
    Build,

    /// <summary><c>logging</c>: options merge only when both sides use the same driver (or one names none).</summary>
    Logging,

    /// <summary><c>ulimits.*</c>: soft/hard mappings merge, otherwise the override wins.</summary>
    Ulimit,

    /// <summary><c>networks.*.ipam.config</c>: compose-go's subnet-keyed merge.</summary>
    IpamConfig,
}

internal static class MergePaths
{
    /// <summary>The rule for the value at <paramref name="key"/> under a node at <paramref name="parent"/>, and that value's own position.</summary>
    public static (MergeRule Rule, MergePosition Position) Child(MergePosition parent, string key)
    {
        switch (parent)
        {
            case MergePosition.Root:
                return key switch
                {
                    "services" => (MergeRule.Generic, MergePosition.Services),
                    "jobs" => (MergeRule.Generic, MergePosition.Jobs),
                    "networks" => (MergeRule.Generic, MergePosition.Networks),
                    "volumes" or "secrets" or "configs" => (MergeRule.Generic, MergePosition.Resources),
                    _ => (MergeRule.Generic, MergePosition.Generic),
                };
            case MergePosition.Services:
                return (MergeRule.Generic, MergePosition.Service);
            case MergePosition.Jobs:
                return (MergeRule.Generic, MergePosition.Job);
            case MergePosition.Service:
            case MergePosition.Job:
                return key switch
                {
                    "annotations" or "environment" or "labels" or "sysctls" => (MergeRule.KeyValue, MergePosition.Generic),
                    "build" => (MergeRule.Build, MergePosition.Build),
                    "command" or "entrypoint" => (MergeRule.Replace, MergePosition.Generic),
                    "depends_on" => (MergeRule.DependsOn, MergePosition.Generic),
                    "deploy" when parent == MergePosition.Service => (MergeRule.Generic, MergePosition.Deploy),
                    "dns" or "dns_opt" or "dns_search" or "env_file" or "label_file" or "extra_hosts" or "tmpfs" => (MergeRule.ToSequence, MergePosition.Generic),
                    "healthcheck" => (MergeRule.Generic, MergePosition.Healthcheck),
                    "logging" => (MergeRule.Logging, MergePosition.Generic),
                    "models" or "networks" => (MergeRule.AsMapping, MergePosition.Generic),
                    "ulimits" => (MergeRule.Generic, MergePosition.Ulimits),
                    "volumes" => (MergeRule.Generic, MergePosition.ServiceVolumes),
                    _ => (MergeRule.Generic, MergePosition.Generic),
                };
            case MergePosition.Build:
                return key switch
                {
                    "args" or "additional_contexts" or "labels" => (MergeRule.KeyValue, MergePosition.Generic),
                    "extra_hosts" => (MergeRule.ToSequence, MergePosition.Generic),
                    _ => (MergeRule.Generic, MergePosition.Generic),
                };
            case MergePosition.Deploy:
                return key == "labels" ? (MergeRule.KeyValue, MergePosition.Generic) : (MergeRule.Generic, MergePosition.Generic);
            case MergePosition.Healthcheck:
                return key == "test" ? (MergeRule.Replace, MergePosition.Generic) : (MergeRule.Generic, MergePosition.Generic);
            case MergePosition.Ulimits:
                return (MergeRule.Ulimit, MergePosition.Generic);
            case MergePosition.ServiceVolumes:
                return (MergeRule.Generic, MergePosition.ServiceVolume);
            case MergePosition.ServiceVolume:
                return key == "volume" ? (MergeRule.Generic, MergePosition.ServiceVolumeOptions) : (MergeRule.Generic, MergePosition.Generic);
            case MergePosition.ServiceVolumeOptions:
                return key == "labels" ? (MergeRule.KeyValue, MergePosition.Generic) : (MergeRule.Generic, MergePosition.Generic);
            case MergePosition.Networks:
                return (MergeRule.Generic, MergePosition.Network);
            case MergePosition.Network:
                return key switch
                {
                    "labels" => (MergeRule.KeyValue, MergePosition.Generic),
                    "ipam" => (MergeRule.Generic, MergePosition.Ipam),
                    _ => (MergeRule.Generic, MergePosition.Generic),
                };
            case MergePosition.Ipam:
                return key == "config" ? (MergeRule.IpamConfig, MergePosition.Generic) : (MergeRule.Generic, MergePosition.Generic);
            case MergePosition.Resources:
                return (MergeRule.Generic, MergePosition.Resource);
            case MergePosition.Resource:
                return key == "labels" ? (MergeRule.KeyValue, MergePosition.Generic) : (MergeRule.Generic, MergePosition.Generic);
            default:
                return (MergeRule.Generic, MergePosition.Generic);
        }
    }
}
