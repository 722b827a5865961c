using ComposeGen.Model;

namespace ComposeGen.Parsing;

public enum ProblemSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>
/// A located problem found while reading compose input. Parsing never throws: every failure ends
/// up as one of these (IDs from <see cref="Diagnostics.DiagnosticIds"/>), and the analyzers turn
/// them into compiler diagnostics.
/// </summary>
public sealed record ComposeProblem(string Id, ProblemSeverity Severity, string Message, SourceSpan Span)
{
    public override string ToString() => $"{Span}: {Severity.ToString().ToLowerInvariant()} {Id}: {Message}";
}
