namespace ComposeGen.Parsing.Yaml;

/// <summary>
/// Budgets that keep hostile or broken input from hanging a build or an IDE (SPEC §8). Exceeding one
/// is reported as CG1006; nothing is thrown. The defaults are far above anything a real compose file needs.
/// </summary>
public sealed record ParserLimits(
    int MaxFileLength = 16 * 1024 * 1024,
    int MaxDepth = 256,
    int MaxScalarLength = 1024 * 1024,
    int MaxExpandedNodes = 2_000_000)
{
    public static readonly ParserLimits Default = new();
}
