using System;
using System.Collections.Generic;
using System.Threading;
using ComposeGen.Pipeline;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ComposeGen.Analysis.CSharp;

/// <summary>
/// The last few <see cref="CodeHostModel"/>s built (one per project open in the IDE), reused while the compose inputs stay the same: in the IDE every
/// keystroke makes a new compilation, and re-parsing unchanged YAML each time would be the analyzer's largest
/// cost. The key is every input the model depends on (the YAML and <c>.env</c> texts, their paths and kinds,
/// and the MSBuild properties), compared in full, so a stale model is never used.
/// </summary>
internal static class CodeHostModelCache
{
    private static readonly string[] Properties = GeneratorOptions.PropertyNames;

    private const int Capacity = 8;

    private static readonly object Gate = new();

    /// <summary>Most recently used first.</summary>
    private static readonly List<(List<object> Key, CodeHostModel? Model)> Entries = new();

    public static CodeHostModel? Get(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var key = Key(options, cancellationToken);
        lock (Gate)
        {
            for (var i = 0; i < Entries.Count; i++)
            {
                if (!Same(Entries[i].Key, key))
                    continue;
                var hit = Entries[i];
                Entries.RemoveAt(i);
                Entries.Insert(0, hit);
                return hit.Model;
            }
        }

        var loaded = ComposeProjectLoader.Load(options, cancellationToken);
        var model = loaded is { } found ? CodeHostModel.Create(found.Inputs, found.Result.Project) : null;
        Add(key, model);
        return model;
    }

    /// <summary>Puts back a model built earlier for these options (benchmarks: the IDE's next compilation finds the model the previous one used, with what it learned).</summary>
    internal static void Put(AnalyzerOptions options, CodeHostModel? model)
        => Add(Key(options, CancellationToken.None), model);

    private static void Add(List<object> key, CodeHostModel? model)
    {
        lock (Gate)
        {
            Entries.Insert(0, (key, model));
            if (Entries.Count > Capacity)
                Entries.RemoveAt(Entries.Count - 1);
        }
    }

    /// <summary>Forgets every model (benchmarks: to measure a build's first compilation, which finds the cache empty).</summary>
    internal static void Clear()
    {
        lock (Gate)
            Entries.Clear();
    }

    /// <summary>
    /// Strings, and the texts of the files as <see cref="SourceText"/>: not their strings, because a large file's text
    /// (over 40K characters, read from disk) is kept in chunks, and <c>ToString</c> would copy it on every compilation.
    /// </summary>
    private static List<object> Key(AnalyzerOptions options, CancellationToken cancellationToken)
    {
        var key = new List<object>();
        var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
        foreach (var property in Properties)
            key.Add(global.TryGetValue("build_property." + property, out var value) ? "+" + value : "-");
        var envName = global.TryGetValue("build_property.ComposeEnvFile", out var envFile) && envFile.Trim().Length > 0
            ? Parsing.Loading.ComposePath.FileName(Parsing.Loading.ComposePath.Normalize(envFile.Trim()))
            : ".env";
        foreach (var file in options.AdditionalFiles)
        {
            var name = Parsing.Loading.ComposePath.FileName(Parsing.Loading.ComposePath.Normalize(file.Path));
            if (!ComposeInputs.IsYaml(file.Path) && name.IndexOf(".env", StringComparison.OrdinalIgnoreCase) < 0 && !string.Equals(name, envName, StringComparison.OrdinalIgnoreCase))
                continue;
            options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue("build_metadata.AdditionalFiles.ComposeGenKind", out var kind);
            key.Add(file.Path);
            key.Add(kind ?? "");
            key.Add((object?)file.GetText(cancellationToken) ?? "\0");
        }

        return key;
    }

    private static bool Same(List<object> a, List<object> b)
    {
        if (a.Count != b.Count)
            return false;
        for (var i = 0; i < a.Count; i++)
        {
            var same = (a[i], b[i]) switch
            {
                (string x, string y) => string.Equals(x, y, StringComparison.Ordinal),
                // The IDE hands an unchanged file's text over as the same object; otherwise the characters decide.
                (SourceText x, SourceText y) => ReferenceEquals(x, y) || x.ContentEquals(y),
                _ => false,
            };
            if (!same)
                return false;
        }

        return true;
    }
}
