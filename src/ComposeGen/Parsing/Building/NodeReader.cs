using System.Collections.Generic;
using System.Text;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing.Yaml;

namespace ComposeGen.Parsing.Building;

/// <summary>
/// Typed reads of tree nodes that report a located CG1002 instead of failing, so one bad field costs
/// that field only. <c>path</c> arguments are compose-go style ("services.web.ports") for messages.
/// </summary>
internal sealed class NodeReader
{
    private readonly List<ComposeProblem> _problems;

    public NodeReader(List<ComposeProblem> problems) => _problems = problems;

    public void Report(string id, ProblemSeverity severity, string message, SourceSpan span)
        => _problems.Add(new ComposeProblem(id, severity, message, span));

    public void Invalid(string message, SourceSpan span) => Report(DiagnosticIds.InvalidValue, ProblemSeverity.Error, message, span);

    public YMapping? Mapping(YNode node, FieldPath path, bool nullIsEmpty = true)
    {
        if (node is YMapping mapping)
            return mapping;
        if (nullIsEmpty && node is YScalar { IsNull: true })
            return null;
        Invalid($"{path} must be a mapping, not a {node.KindName}", node.Span);
        return null;
    }

    /// <summary>A string field. Numbers and booleans are accepted as their text (compose-go converts them).</summary>
    public ScalarValue? String(YNode? node, FieldPath path)
    {
        switch (node)
        {
            case null:
                return null;
            case YScalar { IsNull: true }:
                return null;
            case YScalar scalar:
                return Scalar(scalar);
            default:
                Invalid($"{path} must be a string, not a {node.KindName}", node.Span);
                return null;
        }
    }

    public string? Text(YNode? node, FieldPath path) => String(node, path)?.Value;

    public static ScalarValue Scalar(YScalar scalar) => new(scalar.Value, scalar.Template, scalar.Span);

    /// <summary>
    /// A value that needs variables unknown at build time: it is decided at run time, so it is
    /// treated as absent rather than as a wrong value (CG1004 already reports the missing variable).
    /// </summary>
    public static bool IsUnresolved(YNode? node) => node is YScalar { IsUnresolved: true };

    public bool? Bool(YNode? node, FieldPath path)
    {
        if (node is null or YScalar { IsNull: true } || IsUnresolved(node))
            return null;
        if (node is YScalar scalar && ScalarTypes.TryParseBool(scalar.Value, out var value))
            return value;
        Invalid($"{path} must be a boolean (true or false), not '{Describe(node)}'", node.Span);
        return null;
    }

    public long? Integer(YNode? node, FieldPath path, long min = long.MinValue, long max = long.MaxValue)
    {
        if (node is null or YScalar { IsNull: true } || IsUnresolved(node))
            return null;
        if (node is YScalar scalar && ScalarTypes.TryParseInteger(scalar.Value.Trim(), out var value))
        {
            if (value < min || value > max)
            {
                Invalid($"{path} must be between {min} and {max}, not {value}", node.Span);
                return null;
            }

            return value;
        }

        Invalid($"{path} must be an integer, not '{Describe(node)}'", node.Span);
        return null;
    }

    /// <summary>Durations as compose writes them (<c>1m30s</c>, <c>10s</c>, <c>500ms</c>); returns the text when valid.</summary>
    public string? Duration(YNode? node, FieldPath path)
    {
        var text = Text(node, path);
        if (text is null || IsUnresolved(node))
            return null;
        if (IsDuration(text))
            return text;
        Invalid($"{path}: '{text}' is not a duration (e.g. 30s, 1m30s, 500ms)", node!.Span);
        return null;
    }

    /// <summary>A sequence of strings, or one string where compose allows "string or list".</summary>
    public List<ScalarValue> Strings(YNode? node, FieldPath path, bool allowSingle = false)
    {
        var result = new List<ScalarValue>();
        switch (node)
        {
            case null:
            case YScalar { IsNull: true }:
                break;
            case YScalar scalar when allowSingle:
                result.Add(Scalar(scalar));
                break;
            case YSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    // String(item, $"{path}[{i}]"), with the path made only for the message.
                    switch (sequence.Items[i])
                    {
                        case YScalar { IsNull: true }:
                            break;
                        case YScalar scalar:
                            result.Add(Scalar(scalar));
                            break;
                        case var other:
                            Invalid($"{path}[{i}] must be a string, not a {other.KindName}", other.Span);
                            break;
                    }
                }

                break;
            default:
                Invalid($"{path} must be a {(allowSingle ? "string or a list of strings" : "list of strings")}, not a {node.KindName}", node.Span);
                break;
        }

        return result;
    }

    /// <summary>
    /// compose's "list or dict": <c>KEY: value</c> mapping, or <c>- KEY=value</c> list. Values may be
    /// null (a bare <c>KEY</c>), strings, numbers or booleans; never mappings or lists.
    /// </summary>
    public List<KeyValue> ListOrDict(YNode? node, FieldPath path, char separator = '=')
    {
        var result = new List<KeyValue>();
        switch (node)
        {
            case null:
            case YScalar { IsNull: true }:
                break;
            case YMapping mapping:
                foreach (var entry in mapping.Entries)
                {
                    ScalarValue? value = null;
                    if (entry.Value is YScalar scalar)
                        value = scalar.IsNull ? null : Scalar(scalar);
                    else
                        Invalid($"{path}.{entry.Key} must be a boolean, null, number or string, not a {entry.Value.KindName}", entry.Value.Span);
                    result.Add(new KeyValue(entry.Key, value, entry.Origin));
                }

                break;
            case YSequence sequence:
                for (var i = 0; i < sequence.Items.Count; i++)
                {
                    if (sequence.Items[i] is not YScalar item || item.IsNull)
                    {
                        Invalid($"{path}[{i}] must be a string 'KEY{separator}value', not a {sequence.Items[i].KindName}", sequence.Items[i].Span);
                        continue;
                    }

                    var at = item.Value.IndexOf(separator);
                    var key = at < 0 ? item.Value : item.Value.Substring(0, at);
                    ScalarValue? value = at < 0
                        ? null
                        : new ScalarValue(item.Value.Substring(at + 1), SliceTemplate(item, at + 1), item.Span);
                    result.Add(new KeyValue(key, value, Origin.Of(item.Span)));
                }

                break;
            default:
                Invalid($"{path} must be a mapping, not a {node.KindName}", node.Span);
                break;
        }

        return result;
    }

    /// <summary>The template of the text after a <c>KEY=</c> prefix, re-parsed from the raw text after the first separator.</summary>
    private static Interpolation.Template SliceTemplate(YScalar item, int valueStart)
    {
        if (item.Template.IsLiteral)
            return Interpolation.Template.Literal(item.Value.Substring(valueStart));
        var rawAt = item.Raw.IndexOf('=');
        var raw = rawAt < 0 ? item.Raw : item.Raw.Substring(rawAt + 1);
        var parsed = Interpolation.TemplateParser.Parse(raw);
        return parsed.Template;
    }

    public static string Describe(YNode node) => node is YScalar scalar ? scalar.Value : node.KindName;

    internal static bool IsDuration(string text)
    {
        // Go's time.ParseDuration grammar: [-+]?([0-9]*(\.[0-9]*)?[a-z]+)+ with units ns us µs ms s m h.
        var s = text.Trim();
        if (s == "0")
            return true;
        var i = 0;
        if (i < s.Length && s[i] is '-' or '+')
            i++;
        if (i >= s.Length)
            return false;
        while (i < s.Length)
        {
            var digits = 0;
            while (i < s.Length && (char.IsDigit(s[i]) || s[i] == '.'))
            {
                i++;
                digits++;
            }

            if (digits == 0)
                return false;
            var unit = new StringBuilder();
            while (i < s.Length && (char.IsLetter(s[i]) || s[i] == 'µ'))
                unit.Append(s[i++]);
            if (unit.ToString() is not ("ns" or "us" or "µs" or "ms" or "s" or "m" or "h"))
                return false;
        }

        return true;
    }
}

/// <summary>
/// A compose-go style path for messages (<c>services.web.ports</c>), kept in parts and joined only when a
/// message needs it: the model builder passes one for every field of every service, and almost none is ever written.
/// </summary>
internal readonly struct FieldPath
{
    private readonly string _head;
    private readonly string? _first;
    private readonly string? _second;
    private readonly string? _third;

    public FieldPath(string head, string? first = null, string? second = null, string? third = null)
    {
        _head = head;
        _first = first;
        _second = second;
        _third = third;
    }

    public static implicit operator FieldPath(string path) => new(path);

    /// <summary>This path followed by <paramref name="part"/> (e.g. <c>".image"</c>, <c>"[]"</c>).</summary>
    public FieldPath Append(string part)
        => _first is null ? new FieldPath(_head, part)
            : _second is null ? new FieldPath(_head, _first, part)
            : _third is null ? new FieldPath(_head, _first, _second, part)
            : new FieldPath(ToString(), part);

    public FieldPath Append(string part, string next) => Append(part).Append(next);

    public FieldPath Append(string part, string next, string last) => Append(part).Append(next).Append(last);

    public override string ToString() => _first is null ? _head : string.Concat(_head, _first, _second, _third);
}
