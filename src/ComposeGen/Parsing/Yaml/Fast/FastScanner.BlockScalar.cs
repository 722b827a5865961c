using YamlDotNet.Core;

namespace ComposeGen.Parsing.Yaml.Fast;

/// <summary>The fast scanner's literal and folded block scalars (<c>|</c>, <c>&gt;</c>, with chomping and indentation indicators).</summary>
internal sealed partial class FastScanner
{
    private bool FetchBlockScalar(bool isLiteral)
    {
        if (!SaveSimpleKey())
            return false;
        _simpleKeyAllowed = true;
        var scanner = new BlockScalarScanner(this, isLiteral);
        return scanner.Scan();
    }

    /// <summary>YamlDotNet's ScanBlockScalar, with its header checks; it only ever reads spaces as indentation (no tabs get here).</summary>
    private struct BlockScalarScanner
    {
        private readonly FastScanner _s;
        private readonly bool _isLiteral;
        private int _trailingBreaks;
        private bool? _isFirstLine;
        private Mark _end;

        public BlockScalarScanner(FastScanner scanner, bool isLiteral)
        {
            _s = scanner;
            _isLiteral = isLiteral;
            _trailingBreaks = 0;
            _isFirstLine = null;
            _end = default;
        }

        public bool Scan()
        {
            var s = _s;
            var start = s.Here;
            s._pos++;
            // The header: chomping and indentation indicators in either order ('0' is YamlDotNet's error), then a
            // comment that must follow a blank.
            var chomping = ReadChomping();
            var increment = s.At(s._pos) is >= '1' and <= '9' ? s._text[s._pos++] - '0' : 0;
            if (chomping == 0)
                chomping = ReadChomping();
            if (s.At(s._pos) is '0' or '#')
                return false;
            while (s.At(s._pos) == ' ')
                s._pos++;
            if (s.At(s._pos) == '#')
            {
                while (s._pos < s._text.Length && !IsBreak(s._text[s._pos]))
                    s._pos++;
            }

            if (s._pos < s._text.Length && !IsBreak(s._text[s._pos]))
                return false;
            if (s._pos < s._text.Length)
            {
                s.SkipLine();
                _isFirstLine = true;
            }

            _end = s.Here;
            var indent = increment == 0 ? 0 : s._indent >= 0 ? s._indent + increment : increment;
            indent = ScanBreaks(indent);
            if (indent < 0)
                return false;
            _isFirstLine = false;

            var value = s._builder.Clear();
            var leadingBreak = false;
            var leadingBlank = false;
            while (s.LineOffset == indent && s._pos < s._text.Length && !s.IsDocumentIndicator('.'))
            {
                var trailingBlank = s._text[s._pos] == ' ';
                if (!_isLiteral && leadingBreak && !leadingBlank && !trailingBlank)
                {
                    if (_trailingBreaks == 0)
                        value.Append(' ');
                }
                else if (leadingBreak)
                {
                    value.Append('\n');
                }

                leadingBreak = false;
                value.Append('\n', _trailingBreaks);
                _trailingBreaks = 0;
                leadingBlank = trailingBlank;
                var lineStart = s._pos;
                while (s._pos < s._text.Length && !IsBreak(s._text[s._pos]))
                    s._pos++;
                value.Append(s._text, lineStart, s._pos - lineStart);
                if (s._pos < s._text.Length)
                {
                    s.SkipLine();
                    leadingBreak = true;
                }

                indent = ScanBreaks(indent);
                if (indent < 0)
                    return false;
            }

            if (chomping != -1 && leadingBreak)
                value.Append('\n');
            if (chomping == 1)
                value.Append('\n', _trailingBreaks);
            s.Add(FastTokenKind.Scalar, start, _end, value.ToString(), _isLiteral ? ScalarStyle.Literal : ScalarStyle.Folded);
            return true;
        }

        private int ReadChomping()
        {
            var c = _s.At(_s._pos);
            if (c is not ('+' or '-'))
                return 0;
            _s._pos++;
            return c == '+' ? 1 : -1;
        }

        /// <summary>YamlDotNet's ScanBlockScalarBreaks: indentation and empty lines; the indentation it settles on, or -1 to decline.</summary>
        private int ScanBreaks(int indent)
        {
            var s = _s;
            var maxIndent = 0;
            var indentOfFirstLine = -1;
            _end = s.Here;
            while (true)
            {
                while ((indent == 0 || s.LineOffset < indent) && s.At(s._pos) == ' ')
                    s._pos++;
                if (s.LineOffset > maxIndent)
                    maxIndent = s.LineOffset;
                if (!IsBreak(s.At(s._pos)))
                {
                    if (_isLiteral && _isFirstLine == true)
                    {
                        var ahead = s._pos;
                        while (s.At(ahead) == ' ')
                            ahead++;
                        if (IsBreak(s.At(ahead)) && ahead > s._pos)
                        {
                            _isFirstLine = false;
                            indentOfFirstLine = ahead - s._lineStart;
                        }
                    }

                    break;
                }

                if (_isFirstLine == true)
                {
                    _isFirstLine = false;
                    indentOfFirstLine = s.LineOffset;
                }

                s.SkipLine();
                _trailingBreaks++;
                _end = s.Here;
            }

            // YamlDotNet's errors W9L4 and S98Z (too many spaces before the first content line).
            if (_isLiteral && indentOfFirstLine > 1 && indent < indentOfFirstLine - 1)
                return -1;
            if (!_isLiteral && maxIndent > s.LineOffset && indentOfFirstLine > -1)
                return -1;
            if (indent == 0 && (s.LineOffset > 0 || s._indent > -1))
                indent = System.Math.Max(maxIndent, System.Math.Max(s._indent + 1, 1));
            return indent;
        }
    }
}
