using System;
using System.Collections.Generic;
using System.Linq;
using ComposeGen.Model;
using ComposeGen.Parsing.Interpolation;

namespace ComposeGen.Parsing.DotEnv;

/// <summary>
/// One variable that a <c>.env</c> file defines: the name, the value after quote removal, escapes and
/// <c>${VAR}</c> expansion, and where both were written. For a bare <c>KEY</c> line (the value is
/// inherited from the environment) <see cref="ValueSpan"/> is the key's span.
/// </summary>
public sealed record DotEnvEntry(string Key, string Value, SourceSpan KeySpan, SourceSpan ValueSpan);

/// <summary>
/// A parsed <c>.env</c> file. <see cref="Entries"/> are in file order and keep every definition, so a
/// key may appear more than once (the last one is the one docker compose uses). When
/// <see cref="Problems"/> holds an error, docker compose would refuse the file; <see cref="Entries"/>
/// then holds what could be read.
/// </summary>
public sealed record DotEnvFile(string Path, EquatableArray<DotEnvEntry> Entries, EquatableArray<ComposeProblem> Problems)
{
    /// <summary>True when docker compose would refuse this file.</summary>
    public bool HasErrors => Problems.Any(problem => problem.Severity == ProblemSeverity.Error);

    /// <summary>The variables the file defines; a later definition of a key replaces an earlier one.</summary>
    public IReadOnlyDictionary<string, string> ToDictionary()
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in Entries)
            values[entry.Key] = entry.Value;
        return values;
    }

    /// <summary>The variables of <see cref="ToDictionary"/> as a source for interpolation (last definition wins).</summary>
    public IVariableSource AsVariableSource() => new DictionaryVariableSource(ToDictionary());
}
