namespace ComposeGen.Model;

/// <summary>
/// Where a piece of compose text came from: the file, the character offsets and the 1-based
/// line/column of its start and end. Diagnostics and doc comments point here.
/// </summary>
public readonly record struct SourceSpan(
    string Path,
    int Start,
    int End,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn)
{
    /// <summary>A span for facts that have no text of their own (implicit defaults).</summary>
    public static SourceSpan None(string path) => new(path, 0, 0, 1, 1, 1, 1);

    public int Length => End - Start;

    public bool IsEmpty => End <= Start;

    public override string ToString() => $"{Path}({StartLine},{StartColumn})";
}

/// <summary>The key and the value of one compose element. For list items both are the item.</summary>
public readonly record struct Origin(SourceSpan Key, SourceSpan Value)
{
    public static Origin Of(SourceSpan span) => new(span, span);

    public string Path => Value.Path;
}
