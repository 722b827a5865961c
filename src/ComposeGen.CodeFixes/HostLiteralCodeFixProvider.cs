using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using ComposeGen.Analysis.CSharp;
using ComposeGen.Diagnostics;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace ComposeGen.CodeFixes;

/// <summary>
/// Fixes for the C# host rules: CG5003 replaces the literal by the generated member
/// (<c>Compose.Services.OrdersDb.ConnectionString</c>), adding <c>using</c> the generated class's namespace
/// when the file needs it; CG5001 replaces the mistyped host inside the literal by the name compose resolves.
/// Fix All (document, project, solution) through the batch fixer.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(HostLiteralCodeFixProvider)), Shared]
public sealed class HostLiteralCodeFixProvider : CodeFixProvider
{
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.UnknownHostInCode, DiagnosticIds.UseGeneratedMember);

    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null)
            return;
        foreach (var diagnostic in context.Diagnostics)
        {
            if (diagnostic.Id == DiagnosticIds.UseGeneratedMember
                && diagnostic.Properties.TryGetValue(HostLiteralAnalyzer.MemberProperty, out var member) && member is { Length: > 0 }
                && root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is LiteralExpressionSyntax)
            {
                diagnostic.Properties.TryGetValue(HostLiteralAnalyzer.NamespaceProperty, out var ns);
                context.RegisterCodeFix(
                    CodeAction.Create($"Use {member}", ct => UseMemberAsync(context.Document, diagnostic.Location.SourceSpan, member, ns ?? "", ct), equivalenceKey: "CG5003:UseGeneratedMember"),
                    diagnostic);
            }
            else if (diagnostic.Id == DiagnosticIds.UnknownHostInCode
                     && diagnostic.Properties.TryGetValue(HostLiteralAnalyzer.SuggestionProperty, out var suggestion) && suggestion is { Length: > 0 }
                     && diagnostic.Properties.TryGetValue(HostLiteralAnalyzer.HostProperty, out var host) && host is { Length: > 0 })
            {
                // Only when the diagnostic covers exactly the host as written (not the whole literal, after escapes).
                var text = await context.Document.GetTextAsync(context.CancellationToken).ConfigureAwait(false);
                if (!string.Equals(text.ToString(diagnostic.Location.SourceSpan), host, System.StringComparison.Ordinal))
                    continue;
                context.RegisterCodeFix(
                    CodeAction.Create($"Use '{suggestion}'", ct => ReplaceHostAsync(context.Document, diagnostic.Location.SourceSpan, suggestion, ct), equivalenceKey: "CG5001:DidYouMean"),
                    diagnostic);
            }
        }
    }

    private static async Task<Document> ReplaceHostAsync(Document document, TextSpan span, string suggestion, CancellationToken cancellationToken)
    {
        var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
        return document.WithText(text.WithChanges(new TextChange(span, suggestion)));
    }

    private static async Task<Document> UseMemberAsync(Document document, TextSpan span, string member, string @namespace, CancellationToken cancellationToken)
    {
        var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
        if (root?.FindNode(span, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal)
            return document;

        var replacement = SyntaxFactory.ParseExpression(member).WithTriviaFrom(literal);
        var newRoot = root.ReplaceNode(literal, replacement);
        if (@namespace.Length > 0 && newRoot is CompilationUnitSyntax unit && !Imports(unit, literal, @namespace))
        {
            var text = await document.GetTextAsync(cancellationToken).ConfigureAwait(false);
            var endOfLine = SyntaxFactory.EndOfLine(text.ToString().IndexOf("\r\n", System.StringComparison.Ordinal) >= 0 ? "\r\n" : "\n");
            var usingDirective = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(@namespace).WithLeadingTrivia(SyntaxFactory.Space)).WithTrailingTrivia(endOfLine);
            newRoot = AddUsing(unit, usingDirective, endOfLine);
        }

        return document.WithSyntaxRoot(newRoot);
    }

    /// <summary>True when the file already sees <paramref name="namespace"/>'s members: a <c>using</c> of it, or code inside it.</summary>
    private static bool Imports(CompilationUnitSyntax unit, SyntaxNode at, string @namespace)
    {
        if (unit.Usings.Any(u => u.Alias is null && u.StaticKeyword.IsKind(SyntaxKind.None) && u.Name?.ToString() == @namespace))
            return true;
        foreach (var declaration in at.Ancestors().OfType<BaseNamespaceDeclarationSyntax>())
        {
            if (declaration.Usings.Any(u => u.Alias is null && u.Name?.ToString() == @namespace))
                return true;
            var name = string.Join(".", declaration.AncestorsAndSelf().OfType<BaseNamespaceDeclarationSyntax>().Reverse().Select(d => d.Name.ToString()));
            // Code in namespace A.B sees the members of A.B and of A.
            if (name == @namespace || name.StartsWith(@namespace + ".", System.StringComparison.Ordinal))
                return true;
        }

        return false;
    }

    /// <summary>Adds the directive in sorted position among the file's usings (after the last one when they are not sorted).</summary>
    private static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit, UsingDirectiveSyntax directive, SyntaxTrivia endOfLine)
    {
        var usings = unit.Usings;
        if (usings.Count == 0)
        {
            // Keep the file's leading trivia (comments, #nullable) before the new directive.
            var first = unit.GetLeadingTrivia();
            var body = unit.WithoutLeadingTrivia();
            var withUsing = body.WithUsings(SyntaxFactory.SingletonList(directive.WithLeadingTrivia(first).WithTrailingTrivia(endOfLine, endOfLine)));
            return withUsing;
        }

        var name = directive.Name!.ToString();
        var index = 0;
        while (index < usings.Count && string.CompareOrdinal(usings[index].Name?.ToString(), name) < 0 && usings[index].StaticKeyword.IsKind(SyntaxKind.None) && usings[index].Alias is null)
            index++;
        return unit.WithUsings(usings.Insert(index, directive));
    }
}
