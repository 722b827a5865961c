using System;
using System.Collections.Generic;
using System.Linq;
using ComposeGen.Analysis.Networking;
using ComposeGen.Emit;
using ComposeGen.Model;
using ComposeGen.Parsing.Loading;
using ComposeGen.Pipeline;

namespace ComposeGen.Analysis.CSharp;

/// <summary>
/// What the C# host analyzer knows about the compose project of one compilation: the reachability model,
/// the service this project is (when known), every name compose resolves, and (built only when first
/// needed) the generated API's member names. Built once per compilation, read-only afterwards except for
/// the lazily built API model.
/// </summary>
internal sealed class CodeHostModel
{
    private static readonly StringComparer Names = StringComparer.OrdinalIgnoreCase;

    private readonly Dictionary<string, Service> _byAnyName = new(Names);
    private readonly Dictionary<string, Service> _byHostname = new(Names);
    private readonly ComposeProject _project;
    private readonly string _composeDirectory;

    /// <summary>
    /// The generated API's description of each service asked for so far (null when it could not be built): CG5003
    /// needs only the services that literals name, so each is built when first asked for.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, ApiMembers?> _api = new(StringComparer.Ordinal);

    /// <summary>
    /// "Did you mean" answers by name: the same unknown host tends to appear in many literals, and the model
    /// lives as long as the compose inputs (across compilations, see <see cref="CodeHostModelCache"/>).
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, string?> _suggestions = new(StringComparer.Ordinal);

    /// <summary>
    /// What each name means from <see cref="Self"/>: a project names the same few services in many literals, and
    /// each resolution otherwise builds its list of shared networks again.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, NameResolution> _resolutions = new(StringComparer.Ordinal);

    /// <summary>
    /// What each literal value means here (<see cref="LiteralFindings"/>), by content: a project writes the same
    /// connection strings in many places, and the IDE's next compilation asks about the same values again.
    /// </summary>
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LiteralFinding[]> _findings = new(StringComparer.Ordinal);

    /// <summary>Bounds each per-name cache: a project has far fewer distinct host names than this.</summary>
    private const int MaxCachedNames = 4096;

    /// <summary>Bounds the per-value cache (<see cref="ScannedLiterals"/> keeps the same values).</summary>
    private const int MaxCachedValues = 16_384;

    /// <summary>Longer values are judged every time: they are rare, and keeping them would hold their text.</summary>
    private const int MaxCachedValueLength = 1_024;

    /// <summary>The names to suggest from (the keys of <see cref="_byAnyName"/>), taken once.</summary>
    private string[]? _suggestionNames;

    private CodeHostModel(ProjectInputs inputs, ComposeProject project)
    {
        Model = ReachabilityModel.For(project);
        ComposeFileName = ComposePath.FileName(inputs.Files[0].Path);
        Namespace = NamespaceOf(inputs.Options.Namespace);
        Self = FindSelf(project, inputs);

        foreach (var service in project.Services)
        {
            if (!_byAnyName.ContainsKey(service.Name))
                _byAnyName[service.Name] = service;
        }

        foreach (var service in project.Services)
        {
            if (service.ContainerName is { } containerName && containerName.Value.Length > 0 && !_byAnyName.ContainsKey(containerName.Value))
                _byAnyName[containerName.Value] = service;
            foreach (var network in service.Networks)
            {
                foreach (var alias in network.Aliases)
                {
                    if (!_byAnyName.ContainsKey(alias))
                        _byAnyName[alias] = service;
                }
            }
        }

        foreach (var service in project.Services)
        {
            foreach (var link in service.Links)
            {
                if (link.Alias is { } alias && !_byAnyName.ContainsKey(alias) && Model.Service(link.Service) is { } linked)
                    _byAnyName[alias] = linked;
            }

            if (service.Hostname is { } hostname && hostname.Value.Length > 0 && !_byHostname.ContainsKey(hostname.Value))
                _byHostname[hostname.Value] = service;
        }

        _project = project;
        _composeDirectory = inputs.ComposeDirectory;
    }

    public ReachabilityModel Model { get; }

    /// <summary>The compose service this project is: <c>ComposeService</c>, else the one built from the project directory; null when unknown.</summary>
    public Service? Self { get; }

    /// <summary>The namespace of the generated <c>Compose</c> class ("" for the global namespace).</summary>
    public string Namespace { get; }

    /// <summary>The main compose file's name, for messages.</summary>
    public string ComposeFileName { get; }

    public static CodeHostModel Create(ProjectInputs inputs, ComposeProject project) => new(inputs, project);

    /// <summary>The service a name means from anywhere in the project (service name, container_name, network or link alias); null when none.</summary>
    public Service? AnyNamed(string name) => _byAnyName.TryGetValue(name, out var service) ? service : null;

    /// <summary>The service whose <c>hostname:</c> is <paramref name="name"/> (a name other containers cannot resolve).</summary>
    public Service? WithHostname(string name) => _byHostname.TryGetValue(name, out var service) ? service : null;

    /// <summary>What <paramref name="name"/> means when <see cref="Self"/> (which must be known) connects to it: <see cref="ReachabilityModel.Resolve"/>, cached per name.</summary>
    public NameResolution ResolveFromSelf(string name)
        => Remember(_resolutions, name, static (model, n) => model.Model.Resolve(model.Self ?? throw new InvalidOperationException("the project's own service is unknown"), n));

    /// <summary>A close known name for a typo, from the project's point of view (or <see cref="Self"/>'s, when known).</summary>
    public string? Suggest(string name)
    {
        if (Self is { } self)
            return Model.Suggest(self, name); // cached by the reachability model
        return Remember(_suggestions, name, static (model, n) =>
        {
            model._suggestionNames ??= model._byAnyName.Keys.ToArray();
            return Parsing.NameSuggestion.Closest(n, Near(model._suggestionNames, n));
        });
    }

    /// <summary>The diagnostics <paramref name="value"/> calls for, given its <paramref name="references"/> (<see cref="ScannedLiterals"/>), judged once per value.</summary>
    public LiteralFinding[] FindingsOf(string value, IReadOnlyList<HostReference> references)
        => Remember(_findings, value, references, static (model, v, refs) => LiteralFindings.Judge(model, v, refs),
            keep: value.Length <= MaxCachedValueLength, capacity: MaxCachedValues);

    /// <summary>The answer for a name, computed once and kept while the cache has room.</summary>
    private T Remember<T>(System.Collections.Concurrent.ConcurrentDictionary<string, T> cache, string name, Func<CodeHostModel, string, T> compute)
        => Remember(cache, name, compute, static (model, n, f) => f(model, n), keep: true, capacity: MaxCachedNames);

    /// <summary>The answer for a key, computed once and kept (when <paramref name="keep"/>) while the cache has room.</summary>
    private T Remember<TState, T>(System.Collections.Concurrent.ConcurrentDictionary<string, T> cache, string key, TState state, Func<CodeHostModel, string, TState, T> compute, bool keep, int capacity)
    {
        if (cache.TryGetValue(key, out var cached))
            return cached;
        var answer = compute(this, key, state);
        if (keep && cache.Count < capacity)
            cache.TryAdd(key, answer);
        return answer;
    }

    /// <summary>Candidates whose length is within three of the name: the only ones <see cref="Parsing.NameSuggestion"/> can accept.</summary>
    private static IEnumerable<string> Near(string[] candidates, string name)
    {
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Length - name.Length) <= 3)
                yield return candidate;
        }
    }

    /// <summary>The generated members of a service (identifier, endpoints, whether it has a connection string), or null when they cannot be worked out.</summary>
    public ApiMembers? Api(Service service)
    {
        if (_api.TryGetValue(service.Name, out var found))
            return found;
        ApiMembers? built;
        try
        {
            // In a build without .env values the project is the generator's, which has described every service already.
            built = ApiServiceBuilder.For(_project, _composeDirectory).Members(service);
        }
        catch (Exception)
        {
            built = null; // CG5003 stays silent for this service; the compose analyzer reports what is wrong with the files
        }

        _api.TryAdd(service.Name, built);
        return built;
    }

    /// <summary>The generator's namespace rule: each dotted part made a valid identifier.</summary>
    private static string NamespaceOf(string name)
        => string.Join(".", name.Split(new[] { '.' }, StringSplitOptions.RemoveEmptyEntries).Select(part => Identifiers.IsValid(part) ? part : Identifiers.Pascal(part)));

    /// <summary><c>ComposeService</c>, else the service whose <c>build</c> context (relative to the compose file's directory) is the project directory.</summary>
    private static Service? FindSelf(ComposeProject project, ProjectInputs inputs)
    {
        if (inputs.Options.Service is { } named)
            return project.Services.FirstOrDefault(s => s.Name == named) ?? project.Services.FirstOrDefault(s => Names.Equals(s.Name, named));

        var projectDirectory = Trim(inputs.Options.ProjectDirectory);
        if (projectDirectory.Length == 0)
            return null;
        var composeDirectory = inputs.ComposeDirectory;
        Service? found = null;
        foreach (var service in project.Services)
        {
            if (service.Build?.Context is not { } context || context.Value.Length == 0)
                continue;
            var directory = Trim(ComposePath.Combine(composeDirectory, context.Value));
            if (!string.Equals(directory, projectDirectory, StringComparison.OrdinalIgnoreCase))
                continue;
            if (found is not null)
                return null; // two services built from this project: not knowable which one this is
            found = service;
        }

        return found;
    }

    private static string Trim(string path) => ComposePath.Normalize(path).TrimEnd('/');
}
