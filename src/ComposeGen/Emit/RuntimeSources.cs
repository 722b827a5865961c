using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace ComposeGen.Emit;

/// <summary>
/// The run-time support code (<c>src/ComposeGen/Runtime/*.cs</c>, namespace <c>ComposeGen.Runtime</c>) that the
/// generator adds to every compilation that has a compose project (rewritten by <see cref="CSharp73Downlevel"/> for C# 7.3). The files are
/// embedded in this assembly as resources named <c>ComposeGen.Runtime.&lt;File&gt;.cs</c>; they are C# 8,
/// netstandard2.0-compatible, <c>internal</c> and depend on nothing but the base library.
/// </summary>
internal static class RuntimeSources
{
    private const string ResourcePrefix = "ComposeGen.Runtime.";
    private const string ResourceSuffix = ".cs";

    private static readonly Lazy<IReadOnlyList<(string HintName, string Text)>> Sources = new(Load);

    /// <summary>
    /// Every runtime file as (hint name, text): hint names like <c>ComposeGen.Runtime.ComposeContext.g.cs</c>, in
    /// ordinal order, texts with <c>\n</c> line endings and no byte order mark, so the output is deterministic.
    /// </summary>
    public static IReadOnlyList<(string HintName, string Text)> All => Sources.Value;

    /// <summary>The structs and enums the runtime sources declare (and the BCL's), for <see cref="CSharp73Downlevel"/>.</summary>
    public static ISet<string> ValueTypes => DeclaredValueTypes.Value;

    private static readonly Lazy<ISet<string>> DeclaredValueTypes = new(() => CSharp73Downlevel.DeclaredValueTypes(All.Select(s => s.Text)));

    /// <summary><see cref="All"/> rewritten for C# 7.3, once per process: the sources never change.</summary>
    public static IReadOnlyList<(string HintName, string Text)> ForCSharp73 => CSharp73Sources.Value;

    private static readonly Lazy<IReadOnlyList<(string HintName, string Text)>> CSharp73Sources =
        new(() => All.Select(s => (s.HintName, CSharp73Downlevel.Rewrite(s.Text, ValueTypes))).ToArray());

    private static IReadOnlyList<(string HintName, string Text)> Load()
    {
        var assembly = typeof(RuntimeSources).Assembly;
        var sources = new List<(string HintName, string Text)>();
        foreach (var resource in assembly.GetManifestResourceNames()
                     .Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal) && name.EndsWith(ResourceSuffix, StringComparison.Ordinal))
                     .OrderBy(name => name, StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"The embedded resource '{resource}' cannot be opened.");
            using var reader = new StreamReader(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), detectEncodingFromByteOrderMarks: true);
            var text = reader.ReadToEnd().Replace("\r\n", "\n").Replace('\r', '\n');
            if (text.Length > 0 && text[0] == '\uFEFF')
                text = text.Substring(1);
            var hintName = resource.Substring(0, resource.Length - ResourceSuffix.Length) + ".g.cs";
            sources.Add((hintName, text));
        }

        if (sources.Count == 0)
            throw new InvalidOperationException("The run-time sources (ComposeGen.Runtime.*.cs) are not embedded in " + assembly.GetName().Name + ".");
        return sources.ToArray();
    }
}
