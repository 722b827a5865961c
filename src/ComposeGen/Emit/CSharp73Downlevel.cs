using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ComposeGen.Emit;

/// <summary>
/// Makes the generated C# compile under C# 7.3, the language version a <c>netstandard2.0</c> or .NET Framework
/// project gets by default. ComposeGen writes C# 8; the only C# 8 it uses is nullable annotations
/// (<c>string?</c>, <c>#nullable</c>, <c>x!</c>), which changes nothing the code does, so dropping them is
/// safer than keeping a second copy of every source. Everything else the generator and the runtime sources
/// write is C# 7.3 on purpose (no <c>??=</c>, no switch expressions); GeneratedCodeCompilesTests holds them to it.
/// </summary>
internal static class CSharp73Downlevel
{
    private static readonly CSharpParseOptions CSharp8 = new(LanguageVersion.CSharp8);

    /// <summary>Value types the generated code names besides the ones it declares: their <c>?</c> is <c>Nullable&lt;T&gt;</c> and stays.</summary>
    private static readonly HashSet<string> KnownValueTypes = new()
    {
        "bool", "byte", "sbyte", "char", "short", "ushort", "int", "uint", "long", "ulong", "float", "double", "decimal",
        "Boolean", "Byte", "Char", "Int16", "Int32", "Int64", "UInt16", "UInt32", "UInt64", "Double", "Decimal",
        "TimeSpan", "DateTime", "DateTimeOffset", "Guid", "CancellationToken", "KeyValuePair",
    };

    public static bool Needed(ParseOptions options)
        => options is CSharpParseOptions csharp && csharp.LanguageVersion < LanguageVersion.CSharp8;

    /// <summary>The sources rewritten for C# 7.3; <paramref name="valueTypes"/> adds the structs and enums declared elsewhere in the output.</summary>
    public static string Rewrite(string source, ISet<string> valueTypes)
    {
        var root = CSharpSyntaxTree.ParseText(source, CSharp8).GetRoot();
        return new Rewriter(valueTypes).Visit(root).ToFullString();
    }

    /// <summary>The names of the structs and enums a set of sources declares (their <c>T?</c> must stay).</summary>
    public static ISet<string> DeclaredValueTypes(IEnumerable<string> sources)
    {
        var names = new HashSet<string>(KnownValueTypes);
        foreach (var source in sources)
        {
            foreach (var declaration in CSharpSyntaxTree.ParseText(source, CSharp8).GetRoot().DescendantNodes(n => n is not BlockSyntax))
            {
                if (declaration is StructDeclarationSyntax s)
                    names.Add(s.Identifier.ValueText);
                else if (declaration is EnumDeclarationSyntax e)
                    names.Add(e.Identifier.ValueText);
            }
        }

        return names;
    }

    private sealed class Rewriter : CSharpSyntaxRewriter
    {
        private readonly ISet<string> _valueTypes;

        public Rewriter(ISet<string> valueTypes)
            : base(visitIntoStructuredTrivia: false)
            => _valueTypes = valueTypes;

        public override SyntaxTrivia VisitTrivia(SyntaxTrivia trivia)
            => trivia.IsKind(SyntaxKind.NullableDirectiveTrivia) ? default : base.VisitTrivia(trivia);

        public override SyntaxNode? VisitNullableType(NullableTypeSyntax node)
        {
            var element = (TypeSyntax)Visit(node.ElementType)!;
            return IsValueType(node.ElementType) ? node.WithElementType(element) : element.WithTriviaFrom(node);
        }

        public override SyntaxNode? VisitPostfixUnaryExpression(PostfixUnaryExpressionSyntax node)
        {
            if (!node.IsKind(SyntaxKind.SuppressNullableWarningExpression))
                return base.VisitPostfixUnaryExpression(node);
            return ((ExpressionSyntax)Visit(node.Operand)!).WithTriviaFrom(node);
        }

        private bool IsValueType(TypeSyntax type) => type switch
        {
            PredefinedTypeSyntax predefined => _valueTypes.Contains(predefined.Keyword.ValueText),
            TupleTypeSyntax => true,
            QualifiedNameSyntax qualified => IsValueType(qualified.Right),
            AliasQualifiedNameSyntax alias => IsValueType(alias.Name),
            SimpleNameSyntax name => _valueTypes.Contains(name.Identifier.ValueText),
            _ => false,
        };
    }
}
