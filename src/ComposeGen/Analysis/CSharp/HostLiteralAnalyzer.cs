using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using ComposeGen.Analysis.Networking;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace ComposeGen.Analysis.CSharp;

/// <summary>
/// CG5001–CG5003 (SPEC §6): host names in C# string literals (and the constant text of interpolated strings)
/// checked against the compose project. Each literal first goes through <see cref="HostReferenceExtractor.MayContainHost"/>
/// (one <c>IndexOfAny</c>), so an ordinary literal costs almost nothing; the compose files are loaded at most once
/// per compilation, when the first host reference needs them (a compilation without one never loads them).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class HostLiteralAnalyzer : DiagnosticAnalyzer
{
    /// <summary>CG5001 property: the name to use instead (the "did you mean").</summary>
    public const string SuggestionProperty = "Suggestion";

    /// <summary>CG5001 property: the host as written (the text the diagnostic's span covers when it is exact).</summary>
    public const string HostProperty = "Host";

    /// <summary>CG5003 property: the generated member to use, relative to <see cref="NamespaceProperty"/> (<c>Compose.Services.OrdersDb.ConnectionString</c>).</summary>
    public const string MemberProperty = "Member";

    /// <summary>CG5003 property: the namespace of the generated <c>Compose</c> class ("" for the global namespace).</summary>
    public const string NamespaceProperty = "Namespace";

    /// <summary>Every literal value scanned so far in this process, with its host references.</summary>
    private static ScannedLiterals scanned = new();

    /// <summary>
    /// Replaces what the process remembers of scanned literals (benchmarks: an empty table for a build in a fresh
    /// compiler process, which has seen none of them; the IDE case's own table, which its previous compilation filled).
    /// </summary>
    internal static void UseScannedLiterals(ScannedLiterals table) => scanned = table;

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.UnknownHostInCode, DiagnosticDescriptors.UnreachableHostInCode, DiagnosticDescriptors.UseGeneratedMember);

    public override void Initialize(AnalysisContext context)
    {
        // Generated code is skipped here, by the flag the driver hands each action, instead of leaving it to the driver:
        // with GeneratedCodeAnalysisFlags.None it would check every reported diagnostic's location for generated code,
        // walking the whole syntax tree of each file that receives one. Same result (tested), less work per diagnostic.
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(Start);
    }

    private static void Start(CompilationStartAnalysisContext context)
    {
        // The compose project is loaded when the first host reference in a literal needs it, not here: a
        // compilation without one pays nothing for it.
        var model = new LazyModel(context.Options);
        context.RegisterSyntaxNodeAction(OutsideGeneratedCode(c => AnalyzeLiteral(c, model)), SyntaxKind.StringLiteralExpression);
        context.RegisterSyntaxNodeAction(OutsideGeneratedCode(c => AnalyzeInterpolatedText(c, model)), SyntaxKind.InterpolatedStringText);
        context.RegisterSyntaxNodeAction(OutsideGeneratedCode(c => AnalyzeConstantConcatenation(c, model)), SyntaxKind.AddExpression);
    }

    /// <summary>The action, for hand-written code only (see <see cref="Initialize"/> for why the analyzer, not the driver, skips generated code).</summary>
    private static Action<SyntaxNodeAnalysisContext> OutsideGeneratedCode(Action<SyntaxNodeAnalysisContext> action)
        => context =>
        {
            if (!context.IsGeneratedCode)
                action(context);
        };

    /// <summary>
    /// The compilation's <see cref="CodeHostModel"/>, loaded (through <see cref="CodeHostModelCache"/>) at most once,
    /// by whichever action first needs it; the actions run concurrently, so the others wait for that load. A load
    /// that fails leaves the analyzer silent for the compilation (never crash, SPEC §8: the compose analyzer reports
    /// what is wrong with the files); a cancelled one is not remembered, so the next action (with its own
    /// cancellation token) loads again.
    /// </summary>
    private sealed class LazyModel
    {
        private readonly AnalyzerOptions _options;
        private readonly object _gate = new();
        private CodeHostModel? _model;
        private volatile bool _loaded;

        public LazyModel(AnalyzerOptions options) => _options = options;

        public CodeHostModel? Get(System.Threading.CancellationToken cancellationToken)
        {
            if (_loaded)
                return _model;
            lock (_gate)
            {
                if (!_loaded)
                {
                    try
                    {
                        _model = CodeHostModelCache.Get(_options, cancellationToken);
                    }
                    catch (OperationCanceledException)
                    {
                        throw;
                    }
                    catch (Exception)
                    {
                        _model = null;
                    }

                    _loaded = true;
                }

                return _model;
            }
        }
    }

    private static void AnalyzeLiteral(SyntaxNodeAnalysisContext context, LazyModel lazy)
    {
        var literal = (LiteralExpressionSyntax)context.Node;
        var token = literal.Token;
        var value = token.ValueText;
        if (!HostReferenceExtractor.MayContainHost(value))
            return;
        // mayUseMember: CG5003 also needs the literal outside a constant context, checked only when it comes to that.
        Analyze(context, lazy, value, literal, token, mayUseMember: true);
    }

    private static void AnalyzeInterpolatedText(SyntaxNodeAnalysisContext context, LazyModel lazy)
    {
        var text = (InterpolatedStringTextSyntax)context.Node;
        var token = text.TextToken;
        var value = token.ValueText;
        if (!HostReferenceExtractor.MayContainHost(value))
            return;
        Analyze(context, lazy, value, text, token, mayUseMember: false);
    }

    /// <summary>
    /// A <c>+</c> of constants where a constant is required (<c>const</c> initializers, attribute arguments):
    /// <c>const string Url = "redis://" + CacheHost + ":6379"</c>. Hosts that lie inside one literal are that
    /// literal's (reported by <see cref="AnalyzeLiteral"/>); the others are reported on the operands they span.
    /// </summary>
    private static void AnalyzeConstantConcatenation(SyntaxNodeAnalysisContext context, LazyModel lazy)
    {
        var expression = (BinaryExpressionSyntax)context.Node;
        var parent = expression.Parent;
        while (parent is ParenthesizedExpressionSyntax)
            parent = parent.Parent;
        if (parent is BinaryExpressionSyntax outer && outer.IsKind(SyntaxKind.AddExpression))
            return; // only the outermost +
        if (!IsConstantContext(expression))
            return;
        var constant = context.SemanticModel.GetConstantValue(expression, context.CancellationToken);
        if (!constant.HasValue || constant.Value is not string value || !HostReferenceExtractor.MayContainHost(value))
            return;

        var leaves = new List<(ExpressionSyntax Leaf, int Start, int End)>();
        var offset = 0;
        foreach (var leaf in Operands(expression))
        {
            var part = context.SemanticModel.GetConstantValue(leaf, context.CancellationToken);
            var text = part.HasValue ? part.Value switch { string t => t, char c => c.ToString(), _ => null } : null;
            if (text is null)
                return;
            leaves.Add((leaf, offset, offset + text.Length));
            offset += text.Length;
        }

        if (offset != value.Length)
            return;
        Analyze(context, lazy, value, expression, token: default, mayUseMember: false, leaves);
    }

    /// <summary>
    /// Where a host of a constant concatenation is reported: on the operands it spans; null when it lies inside one literal
    /// (that literal's own action reports it).
    /// </summary>
    private static Location? OperandsLocation(SyntaxNode expression, List<(ExpressionSyntax Leaf, int Start, int End)> operands, HostReference reference)
    {
        var start = reference.Offset;
        var end = reference.Offset + reference.Host.Length;
        var covering = operands.Where(l => l.End > start && l.Start < end).ToList();
        if (covering.Count == 0 || (covering.Count == 1 && covering[0].Leaf is LiteralExpressionSyntax))
            return null;
        return Location.Create(expression.SyntaxTree, TextSpan.FromBounds(covering[0].Leaf.SpanStart, covering[covering.Count - 1].Leaf.Span.End));
    }

    /// <summary>The operands of a chain of <c>+</c>, left to right, through parentheses.</summary>
    private static IEnumerable<ExpressionSyntax> Operands(ExpressionSyntax expression)
    {
        while (expression is ParenthesizedExpressionSyntax parenthesized)
            expression = parenthesized.Expression;
        if (expression is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.AddExpression))
        {
            foreach (var operand in Operands(binary.Left))
                yield return operand;
            foreach (var operand in Operands(binary.Right))
                yield return operand;
        }
        else
        {
            yield return expression;
        }
    }

    /// <param name="token">The literal or interpolated text the value is (default for a concatenation).</param>
    /// <param name="mayUseMember">Whether CG5003 applies to <paramref name="node"/> (a whole literal); it also has to be outside a constant context.</param>
    /// <param name="operands">For a concatenation, its operands and the characters of the value each gives.</param>
    private static void Analyze(SyntaxNodeAnalysisContext context, LazyModel lazy, string value, SyntaxNode node, SyntaxToken token, bool mayUseMember, List<(ExpressionSyntax Leaf, int Start, int End)>? operands = null)
    {
        IReadOnlyList<HostReference> references;
        try
        {
            references = scanned.Of(value);
        }
        catch (Exception)
        {
            return;
        }

        // The first host that needs the compose project loads it (once per compilation).
        if (!LiteralFindings.NeedModel(references) || lazy.Get(context.CancellationToken) is not { } model)
            return;

        var reportedUse = false;
        foreach (var finding in model.FindingsOf(value, references))
        {
            if (finding.IsUseMember && (!mayUseMember || reportedUse || IsConstantContext(node)))
                continue;
            var location = operands is null
                ? IsCutOff(node, finding.Reference, value.Length) ? null : HostLocation(token, node, finding.Reference)
                : OperandsLocation(node, operands, finding.Reference);
            if (location is null)
                continue;
            if (finding.IsUseMember)
            {
                reportedUse = true;
                location = node.GetLocation();
            }

            context.ReportDiagnostic(Diagnostic.Create(finding.Descriptor, location, finding.Properties, finding.Message));
        }
    }

    /// <summary>
    /// True when the host touches an end of the value and more text is joined there: an interpolation hole
    /// (<c>$"redis://cache{suffix}:6379"</c>) or the other operand of <c>+</c> (<c>"redis://ca" + rest</c>).
    /// </summary>
    private static bool IsCutOff(SyntaxNode node, HostReference reference, int valueLength)
    {
        var atStart = reference.Offset == 0;
        var atEnd = reference.Offset + reference.Host.Length >= valueLength;
        if (!atStart && !atEnd)
            return false;
        if (node is InterpolatedStringTextSyntax text && text.Parent is InterpolatedStringExpressionSyntax interpolated)
        {
            var contents = interpolated.Contents;
            var index = contents.IndexOf(text);
            return (atStart && index > 0 && contents[index - 1] is InterpolationSyntax)
                   || (atEnd && index >= 0 && index + 1 < contents.Count && contents[index + 1] is InterpolationSyntax);
        }

        SyntaxNode current = node;
        while (current.Parent is ParenthesizedExpressionSyntax parenthesized)
            current = parenthesized;
        if (current.Parent is BinaryExpressionSyntax binary && binary.IsKind(SyntaxKind.AddExpression))
            return (atStart && binary.Right == current) || (atEnd && binary.Left == current);
        return false;
    }

    /// <summary>The host inside the literal, or the whole literal when the characters cannot be mapped back with certainty.</summary>
    private static Location HostLocation(SyntaxToken token, SyntaxNode node, HostReference reference)
    {
        if (LiteralSpanMapper.Map(token, reference.Offset, reference.Host.Length) is { } span)
            return Location.Create(node.SyntaxTree, span);
        return node.GetLocation();
    }

    /// <summary>
    /// Where a literal must stay a constant (attribute arguments, <c>const</c> initializers, parameter defaults,
    /// <c>case</c> labels and constant patterns): a generated property cannot replace it.
    /// </summary>
    private static bool IsConstantContext(SyntaxNode node)
    {
        for (var current = node.Parent; current is not null; current = current.Parent)
        {
            switch (current)
            {
                case AttributeArgumentSyntax:
                case CaseSwitchLabelSyntax:
                case ConstantPatternSyntax:
                case ParameterSyntax:
                    return true;
                case FieldDeclarationSyntax field:
                    return field.Modifiers.Any(SyntaxKind.ConstKeyword);
                case LocalDeclarationStatementSyntax local:
                    return local.IsConst;
                case StatementSyntax:
                case MemberDeclarationSyntax:
                case ArgumentSyntax:
                case LambdaExpressionSyntax:
                    return false;
            }
        }

        return false;
    }
}
