using System.Collections.Immutable;
using System.Linq;
using System.Text;
using ComposeGen.Model;

namespace ComposeGen.Parsing.Interpolation;

/// <summary>
/// A compose value as written: literal text and <c>${VAR...}</c> references. Kept in the model so
/// that the generator can emit code that resolves the value at run time instead of baking in what
/// <c>.env</c> said at build time.
/// </summary>
public sealed record Template(string Raw, EquatableArray<TemplatePart> Parts)
{
    private static readonly Template Empty = new("", EquatableArray<TemplatePart>.Empty);

    public static Template Literal(string text)
        => text.Length == 0 ? Empty : new(text, ImmutableArray.Create<TemplatePart>(new LiteralPart(text)));

    /// <summary>True when the value contains no variable reference (it may still have had <c>$$</c>).</summary>
    public bool IsLiteral
    {
        get
        {
            foreach (var part in Parts)
            {
                if (part is not LiteralPart)
                    return false;
            }

            return true;
        }
    }

    /// <summary>The text when <see cref="IsLiteral"/>; <c>$$</c> already unescaped.</summary>
    public string LiteralText
    {
        get
        {
            if (Parts.Count == 1)
                return Parts[0] is LiteralPart only ? only.Text : "";
            var text = new StringBuilder();
            foreach (var part in Parts)
            {
                if (part is LiteralPart literal)
                    text.Append(literal.Text);
            }

            return text.ToString();
        }
    }

    /// <summary>Every variable this template can read, nested defaults included, in order.</summary>
    public EquatableArray<string> VariableNames
        => Parts.OfType<VariablePart>().SelectMany(part => part.AllNames()).Distinct().ToEquatableArray();

    public override string ToString() => Raw;
}

public abstract record TemplatePart;

public sealed record LiteralPart(string Text) : TemplatePart;

/// <summary>How a <c>${VAR...}</c> reference treats an unset or empty variable.</summary>
public enum VariableOperator
{
    /// <summary><c>$VAR</c> or <c>${VAR}</c>.</summary>
    None,

    /// <summary><c>${VAR:-default}</c>: default when unset or empty.</summary>
    DefaultIfUnsetOrEmpty,

    /// <summary><c>${VAR-default}</c>: default when unset.</summary>
    DefaultIfUnset,

    /// <summary><c>${VAR:?message}</c>: error when unset or empty.</summary>
    ErrorIfUnsetOrEmpty,

    /// <summary><c>${VAR?message}</c>: error when unset.</summary>
    ErrorIfUnset,

    /// <summary><c>${VAR:+alternative}</c>: alternative when set and not empty, else empty.</summary>
    AlternativeIfSetAndNotEmpty,

    /// <summary><c>${VAR+alternative}</c>: alternative when set, else empty.</summary>
    AlternativeIfSet,
}

/// <summary>
/// One variable reference. <see cref="Offset"/> and <see cref="Length"/> are its position in
/// <see cref="Template.Raw"/>; <see cref="Argument"/> is the default, message or alternative, itself a template.
/// </summary>
public sealed record VariablePart(string Name, VariableOperator Operator, Template? Argument, int Offset, int Length) : TemplatePart
{
    internal System.Collections.Generic.IEnumerable<string> AllNames()
    {
        yield return Name;
        if (Argument is not null)
        {
            foreach (var nested in Argument.Parts.OfType<VariablePart>().SelectMany(part => part.AllNames()))
                yield return nested;
        }
    }

    public string ToSyntax()
    {
        var text = new StringBuilder("${").Append(Name);
        text.Append(Operator switch
        {
            VariableOperator.DefaultIfUnsetOrEmpty => ":-",
            VariableOperator.DefaultIfUnset => "-",
            VariableOperator.ErrorIfUnsetOrEmpty => ":?",
            VariableOperator.ErrorIfUnset => "?",
            VariableOperator.AlternativeIfSetAndNotEmpty => ":+",
            VariableOperator.AlternativeIfSet => "+",
            _ => "",
        });
        if (Argument is not null)
            text.Append(Argument.Raw);
        return text.Append('}').ToString();
    }
}
