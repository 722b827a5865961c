using ComposeGen.Parsing.Interpolation;

namespace ComposeGen.Model;

/// <summary>
/// A string from the compose file: its value after interpolation with the variables known when it
/// was loaded, the template it came from (for run-time resolution) and where it is written.
/// </summary>
public sealed record ScalarValue(string Value, Template Template, SourceSpan Span)
{
    /// <summary>True when the value depends on no variable, so it can be embedded as a constant.</summary>
    public bool IsLiteral => Template.IsLiteral;

    public override string ToString() => Value;
}
