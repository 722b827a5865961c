using System;
using System.Collections.Generic;
using System.Linq;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing.Building;
using ComposeGen.Parsing.Merge;
using ComposeGen.Parsing.Yaml;

namespace ComposeGen.Parsing.Loading;

public sealed record ComposeLoadResult(ComposeProject Project, EquatableArray<ComposeProblem> Problems)
{
    public bool HasErrors => Problems.Any(problem => problem.Severity == ProblemSeverity.Error);
}

/// <summary>
/// Loads a compose project the way docker compose does: each file read and interpolated, its
/// <c>include</c>s pulled in, the files merged in order, <c>extends</c> applied, <c>!reset</c> /
/// <c>!override</c> resolved, then the typed model built. Never throws: whatever fails becomes a
/// located problem and the rest of the project is still returned.
/// </summary>
public static class ComposeLoader
{
    /// <summary>Includes and extends nest this deep at most; deeper is treated as a cycle we failed to see.</summary>
    private const int MaxReferenceDepth = 64;

    public static ComposeLoadResult Load(ComposeLoadRequest request)
    {
        var problems = new List<ComposeProblem>();
        var files = request.Files.Select(ComposePath.Normalize).ToList();
        var main = files.Count > 0 ? files[0] : "compose.yaml";
        try
        {
            var session = new LoadSession(request, problems);
            var root = session.LoadProjectTree(files);
            var name = session.ProjectName(root, main);
            var project = ComposeModelBuilder.Build(root, name, session.ReadFiles, problems);
            return new ComposeLoadResult(project, problems.ToEquatableArray());
        }
        catch (Exception exception)
        {
            problems.Add(new ComposeProblem(DiagnosticIds.YamlSyntax, ProblemSeverity.Error,
                $"ComposeGen could not load the project ({exception.GetType().Name}: {exception.Message}); please report this", SourceSpan.None(main)));
            return new ComposeLoadResult(EmptyProject(main), problems.ToEquatableArray());
        }
    }

    private static ComposeProject EmptyProject(string main)
        => new(ComposePath.FileName(ComposePath.Directory(main)), new[] { main }.ToEquatableArray(), default, default, default, default, default, default, default, null);

    private sealed class LoadSession
    {
        private readonly ComposeLoadRequest _request;
        private readonly List<ComposeProblem> _problems;
        private readonly Dictionary<string, YMapping?> _fileCache = new(StringComparer.Ordinal);

        public LoadSession(ComposeLoadRequest request, List<ComposeProblem> problems)
        {
            _request = request;
            _problems = problems;
        }

        public List<string> ReadFiles { get; } = new();

        /// <summary>Service definitions that are already the result of resolving their <c>extends</c>.</summary>
        public HashSet<YNode> ResolvedServices { get; } = new(ReferenceComparer<YNode>.Instance);

        /// <summary>Whether any file read so far has a <c>!reset</c> or <c>!override</c> tag.</summary>
        public bool HasMergeTags { get; private set; }

        public YMapping LoadProjectTree(IReadOnlyList<string> files)
        {
            YMapping? merged = null;
            YMapping? unique = null;
            for (var i = 0; i < files.Count; i++)
            {
                var root = ReadFile(files[i], isMain: i == 0, reportMissing: true);
                if (root is null)
                    continue;
                root = ApplyIncludes(root, files[i], new List<string> { files[i] });
                if (merged is not null)
                    unique = root = ComposeMerger.MergeFiles(merged, root);
                merged = root;
            }

            merged ??= new YMapping(Array.Empty<YEntry>(), SourceSpan.None(files.Count > 0 ? files[0] : "compose.yaml"));
            merged = new ExtendsResolver(this).Apply(merged);
            return ComposeMerger.ResolveTags(merged, HasMergeTags, isUnique: ReferenceEquals(merged, unique));
        }

        /// <summary>Reads, interpolates and merges the documents of one file (cached: extends may read a file many times).</summary>
        public YMapping? ReadFile(string path, bool isMain, bool reportMissing, SourceSpan? referencedAt = null)
        {
            if (_fileCache.TryGetValue(path, out var cached))
                return cached;

            YMapping? root = null;
            var text = _request.Source.ReadText(path);
            if (text is null)
            {
                if (reportMissing)
                    Report(referencedAt is null ? DiagnosticIds.YamlSyntax : DiagnosticIds.ExtendsOrIncludeProblem, $"file '{path}' was not found", referencedAt ?? SourceSpan.None(path));
            }
            else
            {
                ReadFiles.Add(path);
                var read = YamlReader.Read(text, path, _request.Variables, _request.Limits);
                HasMergeTags |= read.HasMergeTags;
                _problems.AddRange(read.Problems);
                var reported = read.Problems.Count > 0;
                foreach (var document in read.Documents)
                {
                    if (document is YScalar { IsNull: true })
                        continue;
                    if (document is not YMapping mapping)
                    {
                        Report(DiagnosticIds.YamlSyntax, $"not a compose file: the top level must be a mapping (services:, networks:, ...), not a {document.KindName}", document.Span);
                        reported = true;
                        continue;
                    }

                    root = root is null ? mapping : ComposeMerger.MergeFiles(root, mapping);
                }

                if (root is null && isMain && !reported)
                    Report(DiagnosticIds.YamlSyntax, "empty compose file: it defines no services", SourceSpan.None(path));
            }

            _fileCache[path] = root;
            return root;
        }

        /// <summary>
        /// <c>include</c>, as compose-go applies it: each included file is loaded as its own project
        /// (relative to its own directory) and its resources form the base of this file, which is then
        /// merged on top, so the including file may override what it includes. Two includes that define
        /// the same resource differently conflict.
        /// </summary>
        private YMapping ApplyIncludes(YMapping root, string path, List<string> chain)
        {
            if (root.Get("include") is not YSequence includes)
                return root;

            var imported = new List<YEntry>();
            foreach (var item in includes.Items)
            {
                foreach (var (includedPath, at) in IncludePaths(item, path))
                {
                    if (chain.Contains(includedPath))
                    {
                        Report(DiagnosticIds.ExtendsOrIncludeProblem, $"include cycle detected: {string.Join(" -> ", chain.Append(includedPath).Select(ComposePath.FileName))}", at);
                        continue;
                    }

                    if (chain.Count >= MaxReferenceDepth)
                    {
                        Report(DiagnosticIds.SafetyLimit, $"includes are nested more than {MaxReferenceDepth} levels deep", at);
                        continue;
                    }

                    var included = ReadFile(includedPath, isMain: false, reportMissing: true, referencedAt: at);
                    if (included is null)
                        continue;
                    included = ApplyIncludes(included, includedPath, new List<string>(chain) { includedPath });
                    included = new ExtendsResolver(this).Apply(included);
                    ImportResources(imported, included);
                }
            }

            return imported.Count == 0 ? root : ComposeMerger.MergeFiles(new YMapping(imported, root.Span), root);
        }

        private IEnumerable<(string Path, SourceSpan At)> IncludePaths(YNode item, string includingFile)
        {
            var directory = ComposePath.Directory(includingFile);
            switch (item)
            {
                case YScalar { IsNull: false } scalar:
                    yield return (ComposePath.Combine(directory, scalar.Value), scalar.Span);
                    break;
                case YMapping map:
                    var paths = map.Get("path");
                    var list = paths is YSequence sequence ? sequence.Items : paths is null ? Array.Empty<YNode>() : new[] { paths };
                    foreach (var entry in list)
                    {
                        if (entry is YScalar { IsNull: false } scalar)
                            yield return (ComposePath.Combine(directory, scalar.Value), scalar.Span);
                    }

                    break;
            }
        }

        private void ImportResources(List<YEntry> imported, YMapping included)
        {
            foreach (var section in new[] { "services", "networks", "volumes", "secrets", "configs" })
            {
                if (included.Get(section) is not YMapping importedSection)
                    continue;
                var index = imported.FindIndex(entry => entry.Key == section);
                var existing = index >= 0 ? (YMapping)imported[index].Value : null;
                var merged = existing?.Entries.ToList() ?? new List<YEntry>();
                foreach (var resource in importedSection.Entries)
                {
                    var other = existing?.Find(resource.Key);
                    if (other is null)
                    {
                        merged.Add(resource);
                    }
                    else if (CanonicalJson.Write(other.Value) != CanonicalJson.Write(resource.Value))
                    {
                        Report(DiagnosticIds.ExtendsOrIncludeProblem,
                            $"{section}.{resource.Key} conflicts with imported resource: '{ComposePath.FileName(resource.KeySpan.Path)}' and '{ComposePath.FileName(other.KeySpan.Path)}' define it differently", resource.KeySpan);
                    }
                }

                var value = new YMapping(merged, existing?.Span ?? importedSection.Span);
                if (index >= 0)
                    imported[index] = imported[index].WithValue(value);
                else
                    imported.Add(new YEntry(section, importedSection.Span, value));
            }
        }

        public string ProjectName(YMapping root, string mainFile)
        {
            if (_request.ProjectName is { Length: > 0 } given)
                return Normalize(given);
            if (root.Find("name") is { Value: YScalar { IsNull: false } name } entry)
            {
                var normalized = Normalize(name.Value);
                if (normalized != name.Value)
                    Report(DiagnosticIds.InvalidValue, $"project name '{name.Value}' must contain only lowercase letters, digits, '-' and '_', and start with a letter or digit", entry.Value.Span);
                if (normalized.Length > 0)
                    return normalized;
            }

            var directoryName = Normalize(ComposePath.FileName(ComposePath.Directory(mainFile)));
            if (directoryName.Length == 0)
                Report(DiagnosticIds.InvalidValue, "project name must not be empty: set 'name:' in the compose file", SourceSpan.None(mainFile));
            return directoryName;
        }

        /// <summary>compose-go's NormalizeProjectName: lowercase, only [a-z0-9_-], starting with a letter or digit.</summary>
        private static string Normalize(string name)
        {
            var chars = name.ToLowerInvariant().Where(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-').ToArray();
            return new string(chars).TrimStart('_', '-');
        }

        public void Report(string id, string message, SourceSpan span)
            => _problems.Add(new ComposeProblem(id, ProblemSeverity.Error, message, span));
    }

    /// <summary>
    /// <c>extends</c>: a service starts from another one (in the same tree or another file) and its
    /// own keys are merged on top with the override rules. Chains are followed; cycles are reported.
    /// </summary>
    private sealed class ExtendsResolver
    {
        private readonly LoadSession _session;

        public ExtendsResolver(LoadSession session) => _session = session;

        public YMapping Apply(YMapping root)
        {
            if (root.Get("services") is not YMapping services || !services.Entries.Any(e => e.Value is YMapping m && m.Find("extends") is not null))
                return root;

            var resolved = new Dictionary<string, YMapping>(StringComparer.Ordinal);
            var entries = new List<YEntry>(services.Entries.Count);
            foreach (var entry in services.Entries)
            {
                if (entry.Value is YMapping service && service.Find("extends") is not null)
                    entries.Add(entry.WithValue(Resolve(services, entry.Key, service, new List<(string, string)>(), resolved)));
                else
                    entries.Add(entry);
            }

            var newServices = new YMapping(entries, services.Span, services.Tag);
            return new YMapping(root.Entries.Select(e => e.Key == "services" ? e.WithValue(newServices) : e).ToList(), root.Span, root.Tag);
        }

        private YMapping Resolve(YMapping services, string name, YMapping service, List<(string Key, string Display)> chain, Dictionary<string, YMapping> resolved)
        {
            // A service resolved earlier (an included file is resolved before the including one) keeps its
            // 'extends' key for the model, but must not be merged again.
            if (_session.ResolvedServices.Contains(service))
                return service;

            var key = service.Span.Path + "#" + name;
            if (resolved.TryGetValue(key, out var done))
                return done;

            var extendsEntry = service.Find("extends");
            if (extendsEntry is null)
                return service;

            chain.Add((key, $"{name} ({ComposePath.FileName(service.Span.Path)})"));
            var (targetName, targetFile) = Target(extendsEntry.Value);
            YMapping? result = null;
            if (targetName is null)
            {
                // Reported by the model builder (extends.service is required).
            }
            else if (chain.Count > MaxReferenceDepth)
            {
                _session.Report(DiagnosticIds.SafetyLimit, $"extends chains are limited to {MaxReferenceDepth} steps", extendsEntry.KeySpan);
            }
            else
            {
                var targetServices = services;
                var targetPath = extendsEntry.KeySpan.Path;
                if (targetFile is not null)
                {
                    targetPath = ComposePath.Combine(ComposePath.Directory(extendsEntry.KeySpan.Path), targetFile);
                    var other = _session.ReadFile(targetPath, isMain: false, reportMissing: true, referencedAt: extendsEntry.Value.Span);
                    targetServices = other?.Get("services") as YMapping;
                }

                var target = targetServices?.Find(targetName);
                if (targetServices is not null && target is null)
                {
                    _session.Report(DiagnosticIds.ExtendsOrIncludeProblem,
                        $"service '{name}' extends '{targetName}', which is not defined in {ComposePath.FileName(targetPath)}", extendsEntry.Value.Span);
                }
                else if (target is not null && chain.Any(link => link.Key == target.Value.Span.Path + "#" + targetName))
                {
                    _session.Report(DiagnosticIds.ExtendsOrIncludeProblem,
                        $"extends cycle detected: {string.Join(" -> ", chain.Select(link => link.Display))} -> {targetName}", extendsEntry.Value.Span);
                }
                else if (target is not null)
                {
                    var baseService = target.Value as YMapping ?? new YMapping(Array.Empty<YEntry>(), target.Value.Span);
                    baseService = Resolve(targetServices!, targetName, baseService, chain, resolved);
                    var withoutExtends = new YMapping(baseService.Entries.Where(e => e.Key != "extends").ToList(), baseService.Span, baseService.Tag);
                    result = ComposeMerger.MergeService(withoutExtends, service);
                }
            }

            chain.RemoveAt(chain.Count - 1);
            result ??= service;
            resolved[key] = result;
            _session.ResolvedServices.Add(result);
            return result;
        }

        private static (string? Service, string? File) Target(YNode node) => node switch
        {
            YScalar { IsNull: false } scalar => (scalar.Value, null),
            YMapping map => ((map.Get("service") as YScalar)?.Value, (map.Get("file") as YScalar)?.Value),
            _ => (null, null),
        };
    }
}
