using System.Collections.Generic;
using System.Text;
using ComposeGen.Model;

namespace ComposeGen.Parsing.Interpolation;

/// <summary>
/// Parses compose interpolation syntax as compose-go does: <c>$$</c> escapes, <c>$VAR</c>,
/// <c>${VAR}</c> and the six <c>${VAR op arg}</c> forms, with nested templates inside arguments.
/// A <c>$</c> that starts none of these is an invalid template (compose-go refuses the file).
/// </summary>
public static class TemplateParser
{
    /// <summary>Deeper nesting than this is not a real compose file; refuse instead of recursing.</summary>
    private const int MaxNesting = 32;

    public static TemplateParseResult Parse(string raw)
    {
        if (raw.IndexOf('$') < 0)
            return new TemplateParseResult(Template.Literal(raw), null, 0);

        var position = 0;
        var template = ParseUntil(raw, ref position, stopAtBrace: false, depth: 0, out var error, out var errorOffset);
        return error is null
            ? new TemplateParseResult(template!, null, 0)
            : new TemplateParseResult(Template.Literal(raw), error, errorOffset);
    }

    private static Template? ParseUntil(string raw, ref int position, bool stopAtBrace, int depth, out string? error, out int errorOffset)
    {
        error = null;
        errorOffset = 0;
        var start = position;
        var parts = new List<TemplatePart>();
        var literal = new StringBuilder();

        void FlushLiteral()
        {
            if (literal.Length > 0)
            {
                parts.Add(new LiteralPart(literal.ToString()));
                literal.Clear();
            }
        }

        while (position < raw.Length)
        {
            var c = raw[position];
            if (stopAtBrace && c == '}')
                break;

            if (c != '$')
            {
                literal.Append(c);
                position++;
                continue;
            }

            var dollar = position;
            if (position + 1 >= raw.Length)
                return Fail("a '$' at the end of the value must be written '$$'", dollar, out error, out errorOffset);

            var next = raw[position + 1];
            if (next == '$')
            {
                literal.Append('$');
                position += 2;
                continue;
            }

            if (IsNameStart(next))
            {
                var nameEnd = position + 1;
                while (nameEnd < raw.Length && IsNamePart(raw[nameEnd]))
                    nameEnd++;
                FlushLiteral();
                parts.Add(new VariablePart(raw.Substring(position + 1, nameEnd - position - 1), VariableOperator.None, null, dollar, nameEnd - dollar));
                position = nameEnd;
                continue;
            }

            if (next != '{')
                return Fail($"'${next}' is not a variable reference (write '$$' for a literal '$')", dollar, out error, out errorOffset);

            // ${NAME ...}
            var cursor = position + 2;
            var nameStart = cursor;
            if (cursor >= raw.Length || !IsNameStart(raw[cursor]))
                return Fail("'${' must be followed by a variable name", dollar, out error, out errorOffset);
            while (cursor < raw.Length && IsNamePart(raw[cursor]))
                cursor++;
            var name = raw.Substring(nameStart, cursor - nameStart);

            if (cursor >= raw.Length)
                return Fail($"'${{{name}' is missing its closing '}}'", dollar, out error, out errorOffset);

            var op = VariableOperator.None;
            if (raw[cursor] != '}')
            {
                var colon = raw[cursor] == ':';
                var opAt = colon ? cursor + 1 : cursor;
                var opChar = opAt < raw.Length ? raw[opAt] : '\0';
                op = (colon, opChar) switch
                {
                    (true, '-') => VariableOperator.DefaultIfUnsetOrEmpty,
                    (false, '-') => VariableOperator.DefaultIfUnset,
                    (true, '?') => VariableOperator.ErrorIfUnsetOrEmpty,
                    (false, '?') => VariableOperator.ErrorIfUnset,
                    (true, '+') => VariableOperator.AlternativeIfSetAndNotEmpty,
                    (false, '+') => VariableOperator.AlternativeIfSet,
                    _ => VariableOperator.None,
                };
                if (op == VariableOperator.None)
                    return Fail($"'${{{name}' is followed by '{raw[cursor]}': expected '}}', ':-', '-', ':?', '?', ':+' or '+'", dollar, out error, out errorOffset);
                cursor = opAt + 1;
            }

            Template? argument = null;
            if (op != VariableOperator.None)
            {
                if (depth >= MaxNesting)
                    return Fail("variable defaults are nested too deeply", dollar, out error, out errorOffset);
                argument = ParseUntil(raw, ref cursor, stopAtBrace: true, depth + 1, out error, out errorOffset);
                if (error is not null)
                    return null;
            }

            if (cursor >= raw.Length || raw[cursor] != '}')
                return Fail($"'${{{name}' is missing its closing '}}'", dollar, out error, out errorOffset);

            cursor++;
            FlushLiteral();
            parts.Add(new VariablePart(name, op, argument, dollar, cursor - dollar));
            position = cursor;
        }

        FlushLiteral();
        return new Template(raw.Substring(start, position - start), parts.ToEquatableArray());
    }

    private static Template? Fail(string message, int offset, out string? error, out int errorOffset)
    {
        error = "invalid interpolation: " + message;
        errorOffset = offset;
        return null;
    }

    private static bool IsNameStart(char c) => c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');

    private static bool IsNamePart(char c) => IsNameStart(c) || (c >= '0' && c <= '9');
}

/// <summary>The template, or (when <see cref="Error"/> is set) the literal raw text and where it went wrong.</summary>
public readonly record struct TemplateParseResult(Template Template, string? Error, int ErrorOffset);
