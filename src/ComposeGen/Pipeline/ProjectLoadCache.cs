using System.Collections.Generic;
using System.Linq;
using ComposeGen.Model;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Loading;

namespace ComposeGen.Pipeline;

/// <summary>
/// The last few compose loads made in this process. A build runs the generator and then the analyzers over the same
/// files, and the IDE does so again for every compilation; the first load serves the others whenever theirs could not
/// come out different.
/// <para>
/// A load depends on what it reads: the files to merge, every YAML file <c>extends</c> and <c>include</c> can reach
/// (paths, kinds and texts), the project name, and the answers it got for the variables it looked up. The first three
/// are the key, compared in full. For the variables, each entry keeps the names its load asked for and what it was
/// told; another request may take the entry when its own variables give the same answers to those names. So the
/// generator (no variables) and analyzers with a <c>.env</c> share a load when the <c>.env</c> sets nothing the
/// files use, and the two analyzers share theirs whatever the <c>.env</c> says. The answers decide which names a
/// load asks for next (<c>${A:-${B}}</c> asks for <c>B</c> only when <c>A</c> is unset), so equal answers mean the
/// very same load, step by step.
/// </para>
/// </summary>
internal static class ProjectLoadCache
{
    private const int Capacity = 16;

    /// <summary>
    /// The YAML characters the kept loads may have read between them, about 8 MB of text. A project's model takes
    /// several times its text, so a few projects of thousands of services would otherwise hold gigabytes. The newest
    /// load is always kept, whatever its size: the generator and the analyzers of one build still share it.
    /// </summary>
    private const long CharacterBudget = 4_000_000;

    private static readonly object Gate = new();

    /// <summary>Most recently used first.</summary>
    private static readonly List<Entry> Entries = new();

    /// <summary>The whole project of <paramref name="inputs"/> with no variables: the generator's view (it never sees <c>.env</c>).</summary>
    public static ComposeLoadResult Load(ProjectInputs inputs)
        => Load(inputs, inputs.Files.Select(f => f.Path).ToArray(), DictionaryVariableSource.Empty);

    /// <summary><paramref name="files"/> in merge order, interpolated with <paramref name="variables"/>; every YAML file of the inputs can be reached by <c>extends</c> and <c>include</c>.</summary>
    public static ComposeLoadResult Load(ProjectInputs inputs, IReadOnlyList<string> files, IVariableSource variables)
    {
        var key = new LoadKey(new EquatableArray<string>(files), inputs.Files, inputs.OtherFiles, inputs.Options.ProjectName);
        lock (Gate)
        {
            for (var i = 0; i < Entries.Count; i++)
            {
                var entry = Entries[i];
                if (!entry.Key.Equals(key) || !entry.SameAnswers(variables))
                    continue;
                Entries.RemoveAt(i);
                Entries.Insert(0, entry);
                return entry.Result;
            }
        }

        var recorder = new RecordingVariableSource(variables);
        var result = ComposeLoader.Load(Request(inputs, files, recorder));
        var characters = inputs.Available.Sum(f => (long)f.Text.Length);
        lock (Gate)
        {
            Entries.Insert(0, new Entry(key, recorder.Answers(), result, characters));
            var kept = 0L;
            for (var i = 0; i < Entries.Count; i++)
            {
                kept += Entries[i].Characters;
                if (i > 0 && (i >= Capacity || kept > CharacterBudget))
                {
                    Entries.RemoveRange(i, Entries.Count - i);
                    break;
                }
            }
        }

        return result;
    }

    /// <summary>A load of <paramref name="files"/> in merge order, in which every YAML file of the inputs can be reached by <c>extends</c> and <c>include</c>.</summary>
    private static ComposeLoadRequest Request(ProjectInputs inputs, IReadOnlyList<string> files, IVariableSource variables)
        => new(files, new DictionaryFileSource(inputs.Available.Select(f => new KeyValuePair<string, string>(f.Path, f.Text))), variables, inputs.Options.ProjectName);

    /// <summary>Forgets every load (tests and benchmarks: a build's first compilation finds the cache empty).</summary>
    internal static void Clear()
    {
        lock (Gate)
            Entries.Clear();
    }

    private readonly record struct LoadKey(EquatableArray<string> Merge, EquatableArray<ComposeInputFile> Files, EquatableArray<ComposeInputFile> OtherFiles, string? ProjectName);

    /// <summary>A variable a load asked for, and what it was told (<see cref="Value"/> is meaningless when not <see cref="Found"/>).</summary>
    private readonly record struct Answer(string Name, bool Found, string Value);

    private sealed record Entry(LoadKey Key, Answer[] Answers, ComposeLoadResult Result, long Characters)
    {
        public bool SameAnswers(IVariableSource variables)
        {
            foreach (var answer in Answers)
            {
                var found = variables.TryGetValue(answer.Name, out var value);
                if (found != answer.Found || (found && value != answer.Value))
                    return false;
            }

            return true;
        }
    }

    /// <summary>Passes lookups through and remembers the first answer for each name (a load runs on one thread).</summary>
    private sealed class RecordingVariableSource : IVariableSource
    {
        private readonly IVariableSource _inner;
        private readonly Dictionary<string, Answer> _answers = new(System.StringComparer.Ordinal);

        public RecordingVariableSource(IVariableSource inner) => _inner = inner;

        public bool TryGetValue(string name, out string value)
        {
            var found = _inner.TryGetValue(name, out value);
            if (!_answers.ContainsKey(name))
                _answers[name] = new Answer(name, found, value);
            return found;
        }

        public Answer[] Answers() => _answers.Values.ToArray();
    }
}
