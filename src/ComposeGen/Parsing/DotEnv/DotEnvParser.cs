using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Yaml;

namespace ComposeGen.Parsing.DotEnv;

/// <summary>
/// Reads <c>.env</c> text the way docker compose does (compose-go's <c>dotenv</c> package, a fork of
/// joho/godotenv). The caller passes the text; nothing here touches the file system. Parsing never
/// throws and always ends: a problem is reported as a located <see cref="ComposeProblem"/>.
/// </summary>
/// <remarks>
/// <para>The grammar, as compose-go has it:</para>
/// <list type="bullet">
/// <item>Blank lines are skipped. A line whose first non-blank character is <c>#</c> is a comment.</item>
/// <item>A statement is <c>[export ]KEY=value</c>, <c>KEY: value</c> or a bare <c>KEY</c>. Blanks around the
/// key and the separator are ignored. A key may hold letters, digits, <c>_ . - [ ]</c> (Unicode letters and
/// digits too); any other character is an error, and so is an ASCII space inside the key.</item>
/// <item>A bare <c>KEY</c> takes its value from the environment; when the environment does not have it the
/// key stays undefined, and that is not an error.</item>
/// <item>An unquoted value runs to the end of the line; <c>" #"</c> starts an inline comment, and trailing
/// blanks are removed. There are no escapes, but <c>${VAR}</c> is expanded.</item>
/// <item>A single-quoted value is literal, except that <c>\'</c> stands for a quote.</item>
/// <item>A double-quoted value may span lines. <c>\"</c> stands for a quote; then the escapes
/// <c>\a \b \f \n \r \t \v \\ \$</c> and octal <c>\0NNN</c> are replaced (others are kept as written),
/// and <c>${VAR}</c> is expanded.</item>
/// <item>Expansion looks a variable up in the environment first and then in the entries defined earlier
/// in the same file (compose-go's order). An unset variable becomes "" with a warning, as docker compose
/// warns; a malformed reference or a failing <c>${VAR:?message}</c> is an error.</item>
/// </list>
/// <para>Kept as compose-go has them: keys that start with a digit are entries (only godotenv's
/// <c>Read</c> drops them), an empty key (<c>=value</c>) is an entry, and text after a closing quote
/// starts the next statement. Lines are counted at <c>\n</c> only, as compose-go counts them.</para>
/// <para>Where this reader differs on purpose: compose-go stops at the first error, while this reader goes
/// on after an interpolation error (the syntax is still sound) and stops only at a syntax error or an
/// exceeded budget (<see cref="ParserLimits"/>: the file's length, one expanded value, all expanded values
/// together). A bare <c>KEY</c> on a last line with no newline after it is read like any other bare key
/// (compose-go reads it as the value of an empty key).</para>
/// </remarks>
public static class DotEnvParser
{
    /// <summary>Parses <paramref name="text"/>, the content of the file at <paramref name="path"/>.</summary>
    /// <param name="text">The file's text. A UTF-8 byte order mark at the start is skipped.</param>
    /// <param name="path">Where the text came from; used in spans only.</param>
    /// <param name="environment">The variables a bare <c>KEY</c> line and <c>${VAR}</c> read from (docker
    /// compose passes the shell environment); none when null.</param>
    public static DotEnvFile Parse(string text, string path, IVariableSource? environment = null)
        => Parse(text, path, environment, null);

    /// <summary>As <see cref="Parse(string, string, IVariableSource?)"/>, with explicit budgets.</summary>
    public static DotEnvFile Parse(string text, string path, IVariableSource? environment, ParserLimits? limits)
    {
        text ??= "";
        path ??= "";
        limits ??= ParserLimits.Default;
        var entries = new List<DotEnvEntry>();
        var problems = new List<ComposeProblem>();
        try
        {
            if (text.Length > limits.MaxFileLength)
            {
                problems.Add(new ComposeProblem(DiagnosticIds.SafetyLimit, ProblemSeverity.Error,
                    $"the file is {text.Length:N0} characters long; the limit is {limits.MaxFileLength:N0}", SourceSpan.None(path)));
            }
            else
            {
                new Reader(text, path, environment ?? DictionaryVariableSource.Empty, limits, entries, problems).Run();
            }
        }
        catch (Exception exception)
        {
            // Last line of defence: nothing above should throw, but a bug must not take the build down.
            problems.Add(new ComposeProblem(DiagnosticIds.YamlSyntax, ProblemSeverity.Error,
                "the file could not be read: " + exception.Message, SourceSpan.None(path)));
        }

        return new DotEnvFile(path, entries.ToEquatableArray(), problems.ToEquatableArray());
    }

    /// <summary>One pass over the text. Every loop advances its position, so reading always ends.</summary>
    private sealed class Reader
    {
        private const char ByteOrderMark = '\uFEFF';
        private const string ExportKeyword = "export";
        private const int MaxQuotedLength = 120;

        private readonly string _text;
        private readonly string _path;
        private readonly IVariableSource _environment;
        private readonly ParserLimits _limits;
        private readonly List<DotEnvEntry> _entries;
        private readonly List<ComposeProblem> _problems;
        private readonly Dictionary<string, string> _defined = new(StringComparer.Ordinal);
        private readonly IVariableSource _expansionSource;
        private readonly int[] _lineStarts;
        private readonly int _start;

        // Characters that expansion may still produce in this file: values can grow exponentially
        // (B=$A$A, C=$B$B, ...), so the total is capped, not only each value.
        private long _expansionBudget;

        // Set when a budget is exceeded: like a syntax error, that ends the reading.
        private bool _stopped;

        public Reader(string text, string path, IVariableSource environment, ParserLimits limits, List<DotEnvEntry> entries, List<ComposeProblem> problems)
        {
            _text = text;
            _path = path;
            _environment = environment;
            _limits = limits;
            _entries = entries;
            _problems = problems;
            _start = text.Length > 0 && text[0] == ByteOrderMark ? 1 : 0;
            _expansionBudget = limits.MaxFileLength;

            // compose-go: the environment first, then what this file defined so far.
            _expansionSource = new LayeredVariableSource(environment, new DictionaryVariableSource(_defined));

            var lineStarts = new List<int> { 0 };
            for (var i = 0; i < text.Length; i++)
            {
                if (text[i] == '\n')
                    lineStarts.Add(i + 1);
            }

            _lineStarts = lineStarts.ToArray();
        }

        public void Run()
        {
            var position = _start;
            while (SkipToStatement(ref position))
            {
                if (!ReadStatement(ref position) || _stopped)
                    return;
            }
        }

        /// <summary>Skips blanks, line breaks and comment lines. False at the end of the text.</summary>
        private bool SkipToStatement(ref int position)
        {
            while (true)
            {
                while (position < _text.Length && char.IsWhiteSpace(_text[position]))
                    position++;
                if (position >= _text.Length)
                    return false;
                if (_text[position] != '#')
                    return true;

                var lineEnd = _text.IndexOf('\n', position);
                if (lineEnd < 0)
                {
                    position = _text.Length;
                    return false;
                }

                position = lineEnd;
            }
        }

        /// <summary>Reads one statement from <paramref name="position"/>. False after a syntax error (reading stops).</summary>
        private bool ReadStatement(ref int position)
        {
            var cursor = position;
            if (StartsWithExport(cursor))
            {
                cursor += ExportKeyword.Length;
                while (cursor < _text.Length && IsSpace(_text[cursor]))
                    cursor++;
                if (cursor >= _text.Length)
                {
                    Report(DiagnosticIds.YamlSyntax, ProblemSeverity.Error, "'export' is not followed by a variable name", Span(position, cursor));
                    return false;
                }
            }

            var keyStart = cursor;
            var separator = -1;
            while (cursor < _text.Length)
            {
                var c = _text[cursor];
                if (c is '=' or ':' or '\n')
                {
                    separator = cursor;
                    break;
                }

                if (IsSpace(c) || c is '_' or '.' or '-' or '[' or ']')
                {
                    cursor++;
                    continue;
                }

                var width = char.IsHighSurrogate(c) && cursor + 1 < _text.Length && char.IsLowSurrogate(_text[cursor + 1]) ? 2 : 1;
                if (char.IsLetter(_text, cursor) || char.IsNumber(_text, cursor))
                {
                    cursor += width;
                    continue;
                }

                Report(DiagnosticIds.YamlSyntax, ProblemSeverity.Error,
                    $"unexpected character {GoQuote(_text.Substring(cursor, width))} in variable name {GoQuote(LineFrom(keyStart))}",
                    Span(cursor, cursor + width));
                return false;
            }

            // No separator before the end of the text: a bare KEY on a last line without a newline.
            var inherited = separator < 0 || _text[separator] == '\n';
            var keyEnd = separator < 0 ? _text.Length : separator;
            var next = separator < 0 ? _text.Length : separator + 1;
            while (keyEnd > keyStart && char.IsWhiteSpace(_text[keyEnd - 1]))
                keyEnd--;

            var key = _text.Substring(keyStart, keyEnd - keyStart);
            var keySpan = Span(keyStart, keyEnd);
            if (key.IndexOf(' ') >= 0)
            {
                Report(DiagnosticIds.YamlSyntax, ProblemSeverity.Error, $"key cannot contain a space: {GoQuote(key)}", keySpan);
                return false;
            }

            if (inherited)
            {
                if (_environment.TryGetValue(key, out var inheritedValue))
                    Define(key, inheritedValue ?? "", keySpan, keySpan);
                position = next;
                return true;
            }

            cursor = next;
            while (cursor < _text.Length && IsSpace(_text[cursor]))
                cursor++;

            if (cursor < _text.Length && _text[cursor] is '"' or '\'')
                return ReadQuoted(key, keySpan, cursor, ref position);

            ReadUnquoted(key, keySpan, cursor, ref position);
            return true;
        }

        private void ReadUnquoted(string key, SourceSpan keySpan, int start, ref int position)
        {
            var lineEnd = _text.IndexOf('\n', start);
            var next = lineEnd < 0 ? _text.Length : lineEnd + 1;
            if (lineEnd < 0)
                lineEnd = _text.Length;

            var end = _text.IndexOf(" #", start, lineEnd - start, StringComparison.Ordinal);
            if (end < 0)
                end = lineEnd;
            while (end > start && char.IsWhiteSpace(_text[end - 1]))
                end--;

            var valueSpan = Span(start, end);
            var value = Expand(_text.Substring(start, end - start), new OffsetMap(start, null, end), valueSpan);
            Define(key, value, keySpan, valueSpan);
            position = next;
        }

        private bool ReadQuoted(string key, SourceSpan keySpan, int open, ref int position)
        {
            var quote = _text[open];
            var chars = new StringBuilder();
            var offsets = new List<int>();
            var escaped = false;
            var close = -1;
            for (var i = open + 1; i < _text.Length; i++)
            {
                var c = _text[i];
                if (escaped)
                {
                    // An escaped quote loses its backslash; any other escaped character keeps it.
                    escaped = false;
                    if (c != quote)
                    {
                        chars.Append('\\');
                        offsets.Add(i - 1);
                    }

                    chars.Append(c);
                    offsets.Add(i);
                    continue;
                }

                if (c == '\\')
                {
                    escaped = true;
                    continue;
                }

                if (c == quote)
                {
                    close = i;
                    break;
                }

                chars.Append(c);
                offsets.Add(i);
            }

            if (close < 0)
            {
                var lineEnd = _text.IndexOf('\n', open);
                if (lineEnd < 0)
                    lineEnd = _text.Length;
                var shown = _text.Substring(open, lineEnd - open).TrimEnd('\r');
                if (shown.Length > MaxQuotedLength)
                    shown = shown.Substring(0, MaxQuotedLength) + "...";
                Report(DiagnosticIds.YamlSyntax, ProblemSeverity.Error, "unterminated quoted value " + shown, Span(open, lineEnd));
                return false;
            }

            var valueSpan = Span(open, close + 1);
            string value;
            if (quote == '\'')
            {
                value = chars.ToString();
            }
            else
            {
                var unescaped = UnescapeDoubleQuoted(chars.ToString(), offsets, out var map);
                value = Expand(unescaped, new OffsetMap(0, map, close), valueSpan);
            }

            Define(key, value, keySpan, valueSpan);
            position = close + 1;
            return true;
        }

        /// <summary>
        /// compose-go's <c>expandEscapes</c>: <c>\a \b \f \n \r \t \v \\ \"</c> become the character,
        /// <c>\$</c> becomes <c>$$</c> (a literal dollar for the template), <c>\0</c> with three octal digits
        /// (at most 0377) becomes that character, and <c>\0</c> followed by anything else loses its zero.
        /// Other backslashes stay. <paramref name="map"/> gives the source offset of each output character.
        /// </summary>
        private static string UnescapeDoubleQuoted(string text, List<int> offsets, out List<int> map)
        {
            var output = new StringBuilder(text.Length);
            var positions = new List<int>(text.Length);
            void Emit(char c, int at)
            {
                output.Append(c);
                positions.Add(at);
            }

            var i = 0;
            while (i < text.Length)
            {
                var c = text[i];
                if (c == '\\' && i + 1 < text.Length)
                {
                    var at = offsets[i];
                    var escape = text[i + 1];
                    var replacement = escape switch
                    {
                        'a' => '\a',
                        'b' => '\b',
                        'f' => '\f',
                        'n' => '\n',
                        'r' => '\r',
                        't' => '\t',
                        'v' => '\v',
                        '\\' => '\\',
                        '"' => '"',
                        _ => '\0',
                    };
                    if (replacement != '\0')
                    {
                        Emit(replacement, at);
                        i += 2;
                        continue;
                    }

                    if (escape == '$')
                    {
                        Emit('$', at);
                        Emit('$', at);
                        i += 2;
                        continue;
                    }

                    if (escape == '0')
                    {
                        var digits = 0;
                        while (digits < 3 && i + 2 + digits < text.Length && text[i + 2 + digits] is >= '0' and <= '9')
                            digits++;

                        var value = 0;
                        var octal = digits == 3;
                        for (var k = 0; k < digits; k++)
                        {
                            var digit = text[i + 2 + k] - '0';
                            octal &= digit <= 7;
                            value = value * 8 + digit;
                        }

                        if (octal && value <= 255)
                        {
                            Emit((char)value, at);
                        }
                        else
                        {
                            Emit('\\', at);
                            for (var k = 0; k < digits; k++)
                                Emit(text[i + 2 + k], offsets[i + 2 + k]);
                        }

                        i += 2 + digits;
                        continue;
                    }
                }

                Emit(c, offsets[i]);
                i++;
            }

            map = positions;
            return output.ToString();
        }

        /// <summary>Expands <c>${VAR}</c> in <paramref name="raw"/> with the shared interpolation engine.</summary>
        private string Expand(string raw, OffsetMap map, SourceSpan valueSpan)
        {
            var parsed = TemplateParser.Parse(raw);
            if (parsed.Error is not null)
            {
                var at = map.ToSource(parsed.ErrorOffset);
                Report(DiagnosticIds.Interpolation, ProblemSeverity.Error, parsed.Error, Span(at, Math.Min(at + 1, _text.Length)));
                return raw;
            }

            var template = parsed.Template;
            if (template.IsLiteral)
                return template.LiteralText;

            var bound = UpperBound(template);
            if (bound > _limits.MaxScalarLength || bound > _expansionBudget)
            {
                Report(DiagnosticIds.SafetyLimit, ProblemSeverity.Error, bound > _limits.MaxScalarLength
                        ? $"expanding this value could produce {bound:N0} characters; the limit for one value is {_limits.MaxScalarLength:N0}"
                        : $"expanding the values of this file could produce more than {_limits.MaxFileLength:N0} characters",
                    valueSpan);
                _stopped = true;
                return raw;
            }

            var result = TemplateEvaluator.Evaluate(template, _expansionSource);
            _expansionBudget -= result.Value.Length;
            if (result.RequiredError is not null)
                Report(DiagnosticIds.Interpolation, ProblemSeverity.Error, result.RequiredError, LocateFailedRequirement(template, map) ?? valueSpan);

            foreach (var name in result.MissingVariables.Distinct(StringComparer.Ordinal))
            {
                Report(DiagnosticIds.Interpolation, ProblemSeverity.Warning,
                    $"the \"{name}\" variable is not set. Defaulting to a blank string.",
                    Locate(template, part => part.Name == name, map) ?? valueSpan);
            }

            return result.Value;
        }

        /// <summary>The most characters <paramref name="template"/> can expand to, without building them.</summary>
        private long UpperBound(Template template)
        {
            long total = 0;
            foreach (var part in template.Parts)
            {
                switch (part)
                {
                    case LiteralPart literal:
                        total += literal.Text.Length;
                        break;
                    case VariablePart variable:
                        if (_expansionSource.TryGetValue(variable.Name, out var value))
                            total += value?.Length ?? 0;
                        if (variable.Argument is not null)
                            total += UpperBound(variable.Argument);
                        break;
                }
            }

            return total;
        }

        private SourceSpan? LocateFailedRequirement(Template template, OffsetMap map)
            => Locate(template, part =>
            {
                if (part.Operator is not (VariableOperator.ErrorIfUnset or VariableOperator.ErrorIfUnsetOrEmpty))
                    return false;
                var isSet = _expansionSource.TryGetValue(part.Name, out var value);
                return part.Operator == VariableOperator.ErrorIfUnset ? !isSet : !isSet || string.IsNullOrEmpty(value);
            }, map);

        /// <summary>The source span of the first reference (nested ones included) that matches.</summary>
        private SourceSpan? Locate(Template template, Func<VariablePart, bool> match, OffsetMap map)
        {
            foreach (var part in template.Parts)
            {
                if (part is not VariablePart variable)
                    continue;
                if (match(variable))
                {
                    var start = map.ToSource(variable.Offset);
                    var end = variable.Length > 0 ? map.ToSource(variable.Offset + variable.Length - 1) + 1 : start;
                    return Span(start, Math.Max(start, Math.Min(end, _text.Length)));
                }

                if (variable.Argument is not null && Locate(variable.Argument, match, map) is { } nested)
                    return nested;
            }

            return null;
        }

        private void Define(string key, string value, SourceSpan keySpan, SourceSpan valueSpan)
        {
            if (_stopped)
                return;
            _entries.Add(new DotEnvEntry(key, value, keySpan, valueSpan));
            _defined[key] = value;
        }

        private void Report(string id, ProblemSeverity severity, string message, SourceSpan span)
            => _problems.Add(new ComposeProblem(id, severity, message, span));

        /// <summary>compose-go's <c>^export\s+</c> (Go's <c>\s</c> is tab, line feed, form feed, carriage return, space).</summary>
        private bool StartsWithExport(int position)
            => position + ExportKeyword.Length < _text.Length
               && string.CompareOrdinal(_text, position, ExportKeyword, 0, ExportKeyword.Length) == 0
               && _text[position + ExportKeyword.Length] is '\t' or '\n' or '\f' or '\r' or ' ';

        /// <summary>compose-go's <c>isSpace</c>: a blank that is not a line break.</summary>
        private static bool IsSpace(char c) => c is '\t' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0';

        private string LineFrom(int start)
        {
            var end = _text.IndexOf('\n', start);
            if (end < 0)
                end = _text.Length;
            var line = _text.Substring(start, Math.Min(end - start, MaxQuotedLength));
            return end - start > MaxQuotedLength ? line + "..." : line;
        }

        /// <summary>Quotes like Go's <c>%q</c>, so messages read like docker compose's.</summary>
        private static string GoQuote(string text)
        {
            var quoted = new StringBuilder(text.Length + 2).Append('"');
            foreach (var c in text)
            {
                switch (c)
                {
                    case '"': quoted.Append("\\\""); break;
                    case '\\': quoted.Append("\\\\"); break;
                    case '\n': quoted.Append("\\n"); break;
                    case '\r': quoted.Append("\\r"); break;
                    case '\t': quoted.Append("\\t"); break;
                    default:
                        if (c < ' ' || c == '\u007F')
                            quoted.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                        else
                            quoted.Append(c);
                        break;
                }
            }

            return quoted.Append('"').ToString();
        }

        private SourceSpan Span(int start, int end)
        {
            var (startLine, startColumn) = Position(start);
            var (endLine, endColumn) = Position(end);
            return new SourceSpan(_path, start, end, startLine, startColumn, endLine, endColumn);
        }

        /// <summary>1-based line and column (in UTF-16 units) of an offset; a byte order mark takes no column.</summary>
        private (int Line, int Column) Position(int offset)
        {
            var index = Array.BinarySearch(_lineStarts, offset);
            if (index < 0)
                index = ~index - 1;
            var column = offset - _lineStarts[index] + 1;
            if (index == 0 && _start == 1 && offset > 0)
                column--;
            return (index + 1, column);
        }
    }

    /// <summary>From an offset in a value as interpolated back to an offset in the source text.</summary>
    private readonly struct OffsetMap
    {
        private readonly int _base;
        private readonly List<int>? _map;
        private readonly int _end;

        public OffsetMap(int @base, List<int>? map, int end)
        {
            _base = @base;
            _map = map;
            _end = end;
        }

        public int ToSource(int offset)
        {
            if (_map is null)
                return _base + offset;
            return offset >= 0 && offset < _map.Count ? _map[offset] : _end;
        }
    }
}
