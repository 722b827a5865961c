using System.Collections.Generic;
using System.Linq;
using ComposeGen.Model;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Loading;

namespace ComposeGen.Pipeline;

/// <summary>
/// The last few compose projects loaded in this process with no variables, by exactly what such a load reads: the
/// project's files in merge order, every YAML file <c>extends</c> and <c>include</c> can reach (paths, kinds and
/// texts) and the project name. A build runs the generator and then the analyzers over the same files, and the IDE
/// does so again for every compilation; with no <c>.env</c> values to interpolate they all load the same project,
/// so the first load serves the others. Keys are compared in full, so a result never serves other inputs.
/// </summary>
internal static class ProjectLoadCache
{
    private const int Capacity = 8;

    private static readonly object Gate = new();

    /// <summary>Most recently used first.</summary>
    private static readonly List<(LoadKey Key, ComposeLoadResult Result)> Entries = new();

    /// <summary>The whole project of <paramref name="inputs"/>, loaded with no variables (the generator's view, and the analyzers' when there is no <c>.env</c>).</summary>
    public static ComposeLoadResult Load(ProjectInputs inputs)
    {
        var key = new LoadKey(inputs.Files, inputs.OtherFiles, inputs.Options.ProjectName);
        lock (Gate)
        {
            for (var i = 0; i < Entries.Count; i++)
            {
                if (!Entries[i].Key.Equals(key))
                    continue;
                var hit = Entries[i];
                Entries.RemoveAt(i);
                Entries.Insert(0, hit);
                return hit.Result;
            }
        }

        var result = ComposeLoader.Load(Request(inputs, inputs.Files.Select(f => f.Path).ToList(), DictionaryVariableSource.Empty));
        lock (Gate)
        {
            Entries.Insert(0, (key, result));
            if (Entries.Count > Capacity)
                Entries.RemoveAt(Entries.Count - 1);
        }

        return result;
    }

    /// <summary>A load of <paramref name="files"/> in merge order, in which every YAML file of the inputs can be reached by <c>extends</c> and <c>include</c>.</summary>
    public static ComposeLoadRequest Request(ProjectInputs inputs, IReadOnlyList<string> files, IVariableSource variables)
        => new(files, new DictionaryFileSource(inputs.Available.Select(f => new KeyValuePair<string, string>(f.Path, f.Text))), variables, inputs.Options.ProjectName);

    /// <summary>Forgets every project (tests and benchmarks: a build's first compilation finds the cache empty).</summary>
    internal static void Clear()
    {
        lock (Gate)
            Entries.Clear();
    }

    private readonly record struct LoadKey(EquatableArray<ComposeInputFile> Files, EquatableArray<ComposeInputFile> OtherFiles, string? ProjectName);
}
