using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using ComposeGen.Model;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Loading;

namespace ComposeGen.Tests.Differential;

/// <summary>
/// How host paths are written in a normalised project, so that the two sides compare equal although
/// they live in different places: our loader reads the corpus where the test binaries are
/// (<see cref="CorpusRoot"/>), docker-compose reads a mirror of it in a temp directory
/// (<see cref="MirrorRoot"/>) and prints bind sources as absolute paths. Both roots are written
/// <c>$CORPUS</c>, and the (fake, fixed) home directory is written <c>~</c>.
/// </summary>
public sealed record PathContext(string CorpusRoot, string MirrorRoot, string Home)
{
    public const string CorpusToken = "$CORPUS";

    /// <summary>An absolute path with the corpus (or mirror) root and the home directory replaced by tokens.</summary>
    public string Display(string absolutePath)
    {
        var path = ComposePath.Normalize(absolutePath);
        foreach (var root in new[] { CorpusRoot, MirrorRoot })
        {
            var normalizedRoot = ComposePath.Normalize(root);
            if (path == normalizedRoot)
                return CorpusToken;
            if (path.StartsWith(normalizedRoot + "/", StringComparison.Ordinal))
                return CorpusToken + path.Substring(normalizedRoot.Length);
        }

        var home = ComposePath.Normalize(Home);
        if (path == home)
            return "~";
        if (path.StartsWith(home + "/", StringComparison.Ordinal))
            return "~" + path.Substring(home.Length);
        return path;
    }
}

/// <summary>One difference between the two sides: the field (<c>services.web.ports</c>) and both renderings.</summary>
public sealed record FieldDifference(string Field, string Ours, string Theirs)
{
    public override string ToString() => $"{Field}:\n      ours:   {Ours}\n      theirs: {Theirs}";
}

/// <summary>
/// The part of a service that both our model and docker-compose 1.29.2's <c>config</c> output can
/// express, in one canonical text form per field. Every list is sorted, so only content counts.
/// </summary>
public sealed class NormalizedService
{
    public NormalizedService(string name) => Name = name;

    public string Name { get; }

    /// <summary><c>image</c> after interpolation; null when the service has none (build only).</summary>
    public string? Image { get; set; }

    /// <summary>
    /// One entry per published/exposed container port, <c>HOSTIP:PUBLISHED:TARGET/PROTOCOL</c>.
    /// Decisions: ranges are expanded (ours does it in the model, v1 in its short-syntax parser);
    /// protocol defaults to <c>tcp</c> and is lower-case; an absent host IP and an absent published port
    /// are empty fields (so <c>"80"</c> → <c>::80/tcp</c>); IPv6 brackets are dropped; v1 prints
    /// <c>published</c> as a number or a string, both become the decimal text. <c>mode</c>, <c>name</c>
    /// and <c>app_protocol</c> are left out: v1 knows no <c>name</c>/<c>app_protocol</c> and fills no
    /// default <c>mode</c>.
    /// </summary>
    public List<string> Ports { get; } = new();

    /// <summary>
    /// The names of the networks the service joins, as written. Decision: a service that names none
    /// has an empty list on both sides (v1 does not print the implicit <c>default</c> network; our
    /// model leaves <see cref="Service.Networks"/> empty and reports it through UsesDefaultNetwork).
    /// Aliases, addresses and priorities are not compared.
    /// </summary>
    public List<string> Networks { get; } = new();

    /// <summary>
    /// One entry per mount, <c>TYPE SOURCE:TARGET[:ro]</c>. Decisions: the type is what both sides
    /// infer (a source that looks like a path is a bind, another source a named volume, none an
    /// anonymous volume); an anonymous volume or tmpfs has an empty source; a bind source is made
    /// absolute against the directory of the file that declared it (v1 does that itself) and shown
    /// with the corpus root replaced by <c>$CORPUS</c> (see <see cref="PathContext"/>), so
    /// <c>./data</c> and <c>/tmp/mirror/awesome-compose/x/data</c> compare equal; only <c>ro</c> /
    /// <c>read_only</c> is kept of the mode (v1 adds <c>:rw</c> to named volumes, <c>z</c>, <c>nocopy</c>,
    /// propagation and the long-syntax sub-options are not compared).
    /// </summary>
    public List<string> Volumes { get; } = new();

    /// <summary>
    /// <c>environment</c> after interpolation, <c>NAME=value</c>, or <c>NAME (unset)</c>. Decisions:
    /// a variable given with no value (<c>- NAME</c> or <c>NAME:</c>) takes its value from the
    /// variables of the run (process environment, then .env), as v1's resolve_env_var does, and is
    /// <c>(unset)</c> when there is none; v1 prints numbers unquoted, they compare as their text.
    /// </summary>
    public SortedDictionary<string, string?> Environment { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// True when the service has an <c>env_file</c>. v1 merges the env files into
    /// <c>environment</c>, our model keeps them apart (the analyzers may not read files), so then only
    /// the keys declared in <c>environment</c> are compared: see <see cref="NormalizedProject.Compare"/>.
    /// </summary>
    public bool HasEnvFile { get; set; }

    public void Sort()
    {
        Ports.Sort(StringComparer.Ordinal);
        Networks.Sort(StringComparer.Ordinal);
        Volumes.Sort(StringComparer.Ordinal);
    }

    internal static string Port(string? hostIp, string? published, string target, string? protocol)
    {
        var ip = (hostIp ?? "").Trim().TrimStart('[').TrimEnd(']');
        return $"{ip}:{published ?? ""}:{target}/{(string.IsNullOrEmpty(protocol) ? "tcp" : protocol!.ToLowerInvariant())}";
    }

    /// <summary>
    /// A container path is compared cleaned (no trailing slash, no <c>.</c> or doubled separators):
    /// v1 runs os.path.normpath on it, compose v2 and our model keep it as written, and the engine
    /// cleans it anyway, so <c>/var/www/html/</c> and <c>/var/www/html</c> are the same mount.
    /// </summary>
    internal static string Mount(string type, string? source, string target, bool readOnly)
        => $"{type} {source ?? ""}:{(target.StartsWith('/') ? ComposePath.Normalize(target) : target)}{(readOnly ? ":ro" : "")}";
}

/// <summary>
/// The comparable form of a whole project: the services by name (the list of names is itself a
/// field). Top-level networks/volumes/secrets/configs, build, command, healthcheck, labels, deploy
/// and the rest are not compared: v1 rewrites too many of them (it resolves build contexts on the
/// file system, serialises durations as nanosecond strings, drops unknown keys or rejects them).
/// </summary>
public sealed class NormalizedProject
{
    public SortedDictionary<string, NormalizedService> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>Our model mapped into the normalised form.</summary>
    public static NormalizedProject FromModel(ComposeProject project, IVariableSource variables, PathContext paths)
    {
        var result = new NormalizedProject();
        foreach (var service in project.Services)
        {
            var normalized = new NormalizedService(service.Name) { Image = service.Image?.Value, HasEnvFile = !service.EnvFiles.IsEmpty };
            foreach (var port in service.Ports)
            {
                normalized.Ports.Add(NormalizedService.Port(port.HostIp, port.Published?.ToString(CultureInfo.InvariantCulture),
                    port.Target.ToString(CultureInfo.InvariantCulture), port.Protocol));
            }

            foreach (var network in service.Networks)
                normalized.Networks.Add(network.Name);

            foreach (var volume in service.Volumes)
            {
                var source = volume.Source;
                if (volume.Type == VolumeMountType.Bind && source is not null)
                {
                    // Relative to the file that declared the mount (for extends: the extended file).
                    if (!source.StartsWith("~", StringComparison.Ordinal) && !ComposePath.IsAbsolute(source))
                        source = ComposePath.Combine(ComposePath.Directory(volume.Origin.Path), source);
                    source = paths.Display(source);
                }

                normalized.Volumes.Add(NormalizedService.Mount(TypeName(volume.Type), source, volume.Target, volume.ReadOnly));
            }

            foreach (var variable in service.Environment)
            {
                string? value = variable.Value?.Value;
                if (variable.Value is null)
                    value = variables.TryGetValue(variable.Name, out var fromRun) ? fromRun : null;
                normalized.Environment[variable.Name] = value;
            }

            normalized.Sort();
            result.Services[service.Name] = normalized;
        }

        return result;
    }

    private static string TypeName(VolumeMountType type) => type switch
    {
        VolumeMountType.Volume => "volume",
        VolumeMountType.Bind => "bind",
        VolumeMountType.Tmpfs => "tmpfs",
        VolumeMountType.NamedPipe => "npipe",
        VolumeMountType.Image => "image",
        VolumeMountType.Cluster => "cluster",
        _ => type.ToString().ToLowerInvariant(),
    };

    /// <summary>Every field that differs, <c>services</c> (the names) first, then per service.</summary>
    public static List<FieldDifference> Compare(NormalizedProject ours, NormalizedProject theirs)
    {
        var differences = new List<FieldDifference>();
        var ourNames = ours.Services.Keys.ToList();
        var theirNames = theirs.Services.Keys.ToList();
        if (!ourNames.SequenceEqual(theirNames, StringComparer.Ordinal))
            differences.Add(new FieldDifference("services", List(ourNames), List(theirNames)));

        foreach (var name in ourNames.Intersect(theirNames, StringComparer.Ordinal))
        {
            var a = ours.Services[name];
            var b = theirs.Services[name];
            var prefix = "services." + name + ".";
            if (!string.Equals(a.Image, b.Image, StringComparison.Ordinal))
                differences.Add(new FieldDifference(prefix + "image", a.Image ?? "(none)", b.Image ?? "(none)"));
            AddListDifference(differences, prefix + "ports", a.Ports, b.Ports);
            AddListDifference(differences, prefix + "networks", a.Networks, b.Networks);
            AddListDifference(differences, prefix + "volumes", a.Volumes, b.Volumes);

            // With an env_file, v1's environment also holds the file's variables: compare only the
            // keys we declared (and a key v1 lacks shows as "(absent)").
            var theirEnvironment = a.HasEnvFile
                ? a.Environment.Keys.ToDictionary(key => key, key => b.Environment.TryGetValue(key, out var value) ? value : Absent, StringComparer.Ordinal)
                : (IDictionary<string, string?>)b.Environment;
            AddListDifference(differences, prefix + "environment", Environment(a.Environment), Environment(theirEnvironment));
        }

        return differences;
    }

    private const string Absent = "\u0000absent";

    private static List<string> Environment(IDictionary<string, string?> environment)
        => environment.OrderBy(pair => pair.Key, StringComparer.Ordinal)
            .Select(pair => pair.Value switch
            {
                null => pair.Key + " (unset)",
                Absent => pair.Key + " (absent)",
                _ => pair.Key + "=" + pair.Value,
            })
            .ToList();

    private static void AddListDifference(List<FieldDifference> differences, string field, List<string> ours, List<string> theirs)
    {
        if (ours.SequenceEqual(theirs, StringComparer.Ordinal))
            return;
        var onlyOurs = ours.Except(theirs, StringComparer.Ordinal).ToList();
        var onlyTheirs = theirs.Except(ours, StringComparer.Ordinal).ToList();
        if (onlyOurs.Count == 0 && onlyTheirs.Count == 0)
        {
            // Same items, different multiplicity (a duplicated port or mount).
            differences.Add(new FieldDifference(field, List(ours), List(theirs)));
            return;
        }

        differences.Add(new FieldDifference(field, "only ours " + List(onlyOurs), "only theirs " + List(onlyTheirs)));
    }

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(item => "\"" + item + "\"")) + "]";
}
