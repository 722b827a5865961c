using YamlDotNet.Core;

namespace ComposeGen.Parsing.Yaml.Fast;

/// <summary>The fast scanner's flow scalars: single-quoted, double-quoted and plain, each on one line.</summary>
internal sealed partial class FastScanner
{
    private bool FetchQuotedScalar(bool isSingleQuoted)
    {
        if (!SaveSimpleKey())
            return false;
        _simpleKeyAllowed = false;
        var start = Here;
        var value = isSingleQuoted ? ScanSingleQuoted() : ScanDoubleQuoted();
        if (value is null)
            return false;
        Add(FastTokenKind.Scalar, start, Here, value, isSingleQuoted ? ScalarStyle.SingleQuoted : ScalarStyle.DoubleQuoted);

        // YamlDotNet rejects a comment right after a double-quoted scalar.
        return isSingleQuoted || At(_pos) != '#';
    }

    /// <summary>A single-line single-quoted scalar, <c>''</c> being a quote; null (declined) if it spans lines.</summary>
    private string? ScanSingleQuoted()
    {
        var contentStart = ++_pos;
        var hasEscapes = false;
        while (true)
        {
            if (_pos >= _text.Length || IsBreak(_text[_pos]))
                return null;
            if (_text[_pos] == '\'')
            {
                if (At(_pos + 1) != '\'')
                    break;
                hasEscapes = true;
                _pos++;
            }

            _pos++;
        }

        var content = _text.Substring(contentStart, _pos - contentStart);
        _pos++;
        return hasEscapes ? content.Replace("''", "'") : content;
    }

    /// <summary>A single-line double-quoted scalar with YamlDotNet's escapes; null (declined) if it spans lines or has an odd escape.</summary>
    private string? ScanDoubleQuoted()
    {
        var contentStart = ++_pos;
        _builder.Clear();
        var copied = contentStart;
        while (true)
        {
            if (_pos >= _text.Length || IsBreak(_text[_pos]))
                return null;
            var c = _text[_pos];
            if (c == '"')
                break;
            if (c != '\\')
            {
                _pos++;
                continue;
            }

            _builder.Append(_text, copied, _pos - copied);
            var length = DoubleQuotedEscapes.Append(_text, _pos + 1, _builder);
            if (length < 0)
                return null;
            _pos += 1 + length;
            copied = _pos;
        }

        string value;
        if (copied == contentStart)
            value = _text.Substring(contentStart, _pos - contentStart);
        else
            value = _builder.Append(_text, copied, _pos - copied).ToString();
        _pos++;
        return value;
    }

    /// <summary>
    /// A plain scalar on one line (YamlDotNet's ScanPlainScalar, declining where it would fold lines). It ends at
    /// ": ", at " #", at a flow indicator inside a flow collection, or at the end of its line; the scan then goes on
    /// over the blanks and breaks that follow, as YamlDotNet's does, which is what decides whether the next line continues it.
    /// </summary>
    private bool FetchPlainScalar()
    {
        if (!SaveSimpleKey())
            return false;
        _simpleKeyAllowed = false;
        var minimumIndent = _indent + 1;
        var start = Here;
        var end = start;
        var crossedLine = false;
        while (true)
        {
            if (IsDocumentIndicator('-') || IsDocumentIndicator('.'))
                break;
            if (At(_pos) == '#')
            {
                // A top-level plain scalar followed by a comment: YamlDotNet then fails on the next plain scalar, even
                // in a later document. Declined.
                if (_indent < 0 && _flowLevel == 0)
                    return false;
                break;
            }

            // YamlDotNet's quirk: after a blank, a word starting with '*' keeps its ": " unless the scalar is a required key.
            var key = _simpleKeys[_simpleKeys.Count - 1];
            var isAliasValue = At(_pos) == '*' && !(key.IsPossible && key.IsRequired);
            while (!IsBlankOrEnd(_pos))
            {
                var c = _text[_pos];
                if (c == ':' && !isAliasValue && (IsBlankOrEnd(_pos + 1) || _flowLevel > 0 && At(_pos + 1) == ',') || _flowLevel > 0 && IsFlowIndicator(c))
                {
                    // A ": " in a value that cannot be a key is YamlDotNet's "found invalid mapping".
                    if (_flowLevel == 0 && !key.IsPossible)
                        return false;
                    break;
                }

                // A multi-line scalar is folded: declined. In a flow collection, YamlDotNet fails on a plain scalar
                // left of the enclosing block's indentation.
                if (crossedLine || _flowLevel > 0 && LineOffset < minimumIndent)
                    return false;
                _pos++;
                end = Here;
            }

            if (!(At(_pos) == ' ' || IsBreak(At(_pos))))
                break;
            while (At(_pos) == ' ' || IsBreak(At(_pos)))
            {
                if (At(_pos) == ' ')
                {
                    _pos++;
                }
                else
                {
                    crossedLine = true;
                    SkipLine();
                }
            }

            if (_flowLevel == 0 && LineOffset < minimumIndent)
                break;
        }

        if (crossedLine)
            _simpleKeyAllowed = true;
        Add(FastTokenKind.Scalar, start, end, _text.Substring((int)start.Index, (int)(end.Index - start.Index)), ScalarStyle.Plain);
        return true;
    }
}
