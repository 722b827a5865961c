using System.Collections.Generic;
using System.Text;
using YamlDotNet.Core;

namespace ComposeGen.Parsing.Yaml.Fast;

/// <summary>
/// YamlDotNet's <c>Scanner</c>, rewritten over a string for the subset of YAML that compose files use. It makes the
/// same tokens with the same marks (the simple-key, indentation and block-end rules are ported as they are), and
/// it answers false, "declined", at anything outside the subset or anything YamlDotNet would reject:
/// tabs, directives, <c>?</c> keys, <c>...</c>, multi-line plain or quoted scalars, unusual escapes or tags,
/// unusual characters. Tokens are scanned as the parser asks for them (<see cref="TryPeek"/>). Every step consumes
/// input or pops a level, so it is linear and cannot hang.
/// </summary>
internal sealed partial class FastScanner
{
    /// <summary>Nesting (block indentation levels plus flow levels) beyond which the fast path declines.</summary>
    public const int MaxDepth = 200;

    private const int MaxKeptBuilderCapacity = 1 << 14;

    // YamlDotNet's limit on a simple key's length (Scanner's maxKeySize).
    private const int MaxKeyLength = 1024;

    // The tokens scanned and not yet consumed, from _head on. A KEY (and BLOCK-MAPPING-START) is inserted before a
    // simple key's first token once its ':' is found, so a token is handed out only when no possible simple key
    // starts at it (YamlDotNet's FetchMoreTokens rule); the queue stays as short as a simple key is long.
    private readonly List<FastToken> _queue = new();
    private readonly List<SimpleKey> _simpleKeys = new();
    private readonly Stack<int> _indents = new();
    private readonly StringBuilder _builder = new();
    private string _text = string.Empty;
    private int _head;
    private int _tokensConsumed;
    private bool _streamEndProduced;
    private int _pos;
    private int _line;
    private int _lineStart;
    private int _indent;
    private int _flowLevel;
    private bool _simpleKeyAllowed;

    private int LineOffset => _pos - _lineStart;

    private Mark Here => new(_pos, _line, _pos - _lineStart + 1);

    // The number (counted from the stream's first token) the next token added to the queue will have.
    private int NextTokenNumber => _tokensConsumed + _queue.Count - _head;

    /// <summary>Starts on a text: false when the fast path declines it at once (characters it does not handle).</summary>
    public bool Start(string text)
    {
        Reset(text);
        if (!HasOnlyHandledCharacters(text))
            return false;

        _simpleKeys.Add(default);
        _simpleKeyAllowed = true;
        Add(FastTokenKind.StreamStart, Here, Here);
        return true;
    }

    /// <summary>The next token, scanning as far as needed; false when the fast path declines the text (or there is none).</summary>
    public bool TryPeek(out FastToken token)
    {
        while (NeedsMoreTokens())
        {
            if (_streamEndProduced || !FetchNextToken())
            {
                token = default;
                return false;
            }
        }

        token = _queue[_head];
        return true;
    }

    /// <summary>Consumes the token <see cref="TryPeek"/> gave.</summary>
    public void Consume()
    {
        _head++;
        _tokensConsumed++;
        if (_head == _queue.Count)
        {
            _queue.Clear();
            _head = 0;
        }
        else if (_head >= 256)
        {
            _queue.RemoveRange(0, _head);
            _head = 0;
        }
    }

    private bool NeedsMoreTokens()
    {
        if (_head == _queue.Count)
            return true;
        foreach (var key in _simpleKeys)
        {
            if (key.IsPossible && key.TokenNumber == _tokensConsumed)
                return true;
        }

        return false;
    }

    /// <summary>One step of YamlDotNet's FetchNextToken: blanks and comments, stale keys, block ends, then one token.</summary>
    private bool FetchNextToken()
    {
        ScanToNextToken();
        if (!StaleSimpleKeys())
            return false;
        UnrollIndent(LineOffset);
        if (_pos >= _text.Length)
            return FetchStreamEnd();

        var before = _pos;
        return FetchToken() && _pos > before;
    }

    /// <summary>Lets go of the text; the queue keeps its capacity (it stays short), the builder only a modest one.</summary>
    public void Release()
    {
        Reset(string.Empty);
        _builder.Clear();
        if (_builder.Capacity > MaxKeptBuilderCapacity)
            _builder.Capacity = MaxKeptBuilderCapacity;
    }

    private void Reset(string text)
    {
        _queue.Clear();
        _head = 0;
        _tokensConsumed = 0;
        _streamEndProduced = false;
        _simpleKeys.Clear();
        _indents.Clear();
        _text = text;
        _pos = 0;
        _line = 1;
        _lineStart = 0;
        _indent = -1;
        _flowLevel = 0;
        _simpleKeyAllowed = false;
    }

    /// <summary>
    /// Tabs, control characters, the other line breaks (NEL, LS, PS), surrogates and byte-order marks all have rules
    /// of their own in YamlDotNet; a text with any of them goes to YamlDotNet.
    /// </summary>
    private static bool HasOnlyHandledCharacters(string text)
    {
        foreach (var c in text)
        {
            if (c >= ' ' && c < '\u007F')
                continue;
            if (c is '\n' or '\r')
                continue;
            if (c < '\u00A0' || c is >= '\uD800' and <= '\uDFFF' || c is '\u2028' or '\u2029' or '\uFEFF' or '\uFFFE' or '\uFFFF')
                return false;
        }

        return true;
    }

    private char At(int index) => index < _text.Length ? _text[index] : '\0';

    private static bool IsBreak(char c) => c is '\n' or '\r';

    private bool IsBlankOrEnd(int index) => index >= _text.Length || _text[index] is ' ' or '\n' or '\r';

    private static bool IsFlowIndicator(char c) => c is ',' or '[' or ']' or '{' or '}';

    private void SkipLine()
    {
        _pos += _text[_pos] == '\r' && At(_pos + 1) == '\n' ? 2 : 1;
        _line++;
        _lineStart = _pos;
    }

    /// <summary><c>---</c> or <c>...</c> at the start of a line, followed by a blank.</summary>
    private bool IsDocumentIndicator(char c)
        => LineOffset == 0 && At(_pos) == c && At(_pos + 1) == c && At(_pos + 2) == c && IsBlankOrEnd(_pos + 3);

    private void Add(FastTokenKind kind, Mark start, Mark end, string? text = null, ScalarStyle style = ScalarStyle.Any)
        => _queue.Add(new FastToken(kind, start, end, text, style));

    /// <summary>Inserts a token before the one numbered <paramref name="tokenNumber"/> (which is still in the queue).</summary>
    private void Insert(int tokenNumber, FastToken token) => _queue.Insert(_head + tokenNumber - _tokensConsumed, token);

    private void ScanToNextToken()
    {
        while (true)
        {
            while (At(_pos) == ' ')
                _pos++;
            if (At(_pos) == '#')
            {
                while (_pos < _text.Length && !IsBreak(_text[_pos]))
                    _pos++;
            }

            if (_pos >= _text.Length || !IsBreak(_text[_pos]))
                return;
            SkipLine();
            if (_flowLevel == 0)
                _simpleKeyAllowed = true;
        }
    }

    private bool FetchToken()
    {
        var c = _text[_pos];
        if (LineOffset == 0 && c == '%' || IsDocumentIndicator('.'))
            return false;
        if (IsDocumentIndicator('-'))
            return FetchDocumentStart();

        switch (c)
        {
            case '[' or '{':
                return FetchFlowCollectionStart(c == '[' ? FastTokenKind.FlowSequenceStart : FastTokenKind.FlowMappingStart);
            case ']' or '}':
                return _flowLevel > 0 && FetchFlowCollectionEnd(c == ']' ? FastTokenKind.FlowSequenceEnd : FastTokenKind.FlowMappingEnd);
            case ',':
                return _flowLevel > 0 && FetchFlowEntry();
            case '-' when IsBlankOrEnd(_pos + 1):
                return _flowLevel == 0 && FetchBlockEntry();
            case '-' when _flowLevel > 0 && IsFlowIndicator(At(_pos + 1)):
                return false;
            case '-':
                return FetchPlainScalar();
            case ':':
                return IsBlankOrEnd(_pos + 1) && (_flowLevel == 0 || !_simpleKeyAllowed) && FetchValue();
            case '*' or '&':
                return FetchAnchor(c == '*' ? FastTokenKind.Alias : FastTokenKind.Anchor);
            case '!':
                return FetchTag();
            case '|' or '>':
                return _flowLevel == 0 && FetchBlockScalar(isLiteral: c == '|');
            case '\'' or '"':
                return FetchQuotedScalar(c == '\'');
            case '?' or '#' or '%' or '@' or '`':
                return false;
            default:
                return FetchPlainScalar();
        }
    }

    private bool FetchStreamEnd()
    {
        // YamlDotNet ends the last line if the text does not (Cursor.ForceSkipLineAfterNonBreak).
        if (LineOffset != 0)
        {
            _line++;
            _lineStart = _pos;
        }

        UnrollIndent(-1);
        if (!RemoveSimpleKey())
            return false;
        Add(FastTokenKind.StreamEnd, Here, Here);
        _streamEndProduced = true;
        return _flowLevel == 0;
    }

    private bool FetchDocumentStart()
    {
        UnrollIndent(-1);
        if (!RemoveSimpleKey())
            return false;
        _simpleKeyAllowed = false;
        var start = Here;
        _pos += 3;
        Add(FastTokenKind.DocumentStart, start, Here);
        return true;
    }

    private bool FetchFlowCollectionStart(FastTokenKind kind)
    {
        if (!SaveSimpleKey())
            return false;
        _simpleKeys.Add(default);
        _flowLevel++;
        _simpleKeyAllowed = true;
        var start = Here;
        _pos++;
        Add(kind, start, start);
        return _flowLevel + _indents.Count <= MaxDepth;
    }

    private bool FetchFlowCollectionEnd(FastTokenKind kind)
    {
        if (!RemoveSimpleKey())
            return false;
        _flowLevel--;
        _simpleKeys.RemoveAt(_simpleKeys.Count - 1);
        _simpleKeyAllowed = false;
        var start = Here;
        _pos++;
        Add(kind, start, start);

        // YamlDotNet rejects a comment right after ']'.
        return !(kind == FastTokenKind.FlowSequenceEnd && At(_pos) == '#');
    }

    private bool FetchFlowEntry()
    {
        if (!RemoveSimpleKey())
            return false;
        _simpleKeyAllowed = true;
        var start = Here;
        _pos++;
        Add(FastTokenKind.FlowEntry, start, Here);
        return At(_pos) != '#';
    }

    private bool FetchBlockEntry()
    {
        if (!_simpleKeyAllowed)
            return false;
        RollIndent(LineOffset, -1, FastTokenKind.BlockSequenceStart, Here);
        if (!RemoveSimpleKey())
            return false;
        _simpleKeyAllowed = true;
        var start = Here;
        _pos++;
        Add(FastTokenKind.BlockEntry, start, Here);
        return _flowLevel + _indents.Count <= MaxDepth;
    }

    /// <summary>A ':' after a simple key: the KEY token (and BLOCK-MAPPING-START) go back before the key's first token.</summary>
    private bool FetchValue()
    {
        var key = _simpleKeys[_simpleKeys.Count - 1];
        if (!key.IsPossible)
            return false;

        Insert(key.TokenNumber, new FastToken(FastTokenKind.Key, key.Mark, key.Mark));
        RollIndent((int)key.Mark.Column - 1, key.TokenNumber, FastTokenKind.BlockMappingStart, key.Mark);
        _simpleKeys[_simpleKeys.Count - 1] = default;
        _simpleKeyAllowed = false;
        var start = Here;
        _pos++;
        Add(FastTokenKind.Value, start, Here);
        return _flowLevel + _indents.Count <= MaxDepth;
    }

    private void RollIndent(int column, int tokenNumber, FastTokenKind kind, Mark mark)
    {
        if (_flowLevel > 0 || _indent >= column)
            return;
        _indents.Push(_indent);
        _indent = column;
        var token = new FastToken(kind, mark, mark);
        if (tokenNumber < 0)
            _queue.Add(token);
        else
            Insert(tokenNumber, token);
    }

    private void UnrollIndent(int column)
    {
        if (_flowLevel != 0)
            return;
        while (_indent > column)
        {
            Add(FastTokenKind.BlockEnd, Here, Here);
            _indent = _indents.Pop();
        }
    }

    private bool SaveSimpleKey()
    {
        if (!_simpleKeyAllowed)
            return true;
        var isRequired = _flowLevel == 0 && _indent == LineOffset;
        if (!RemoveSimpleKey())
            return false;
        _simpleKeys[_simpleKeys.Count - 1] = new SimpleKey(isRequired, NextTokenNumber, Here);
        return true;
    }

    /// <summary>False where YamlDotNet reports "could not find expected ':'".</summary>
    private bool RemoveSimpleKey()
    {
        var key = _simpleKeys[_simpleKeys.Count - 1];
        if (key.IsPossible && key.IsRequired)
            return false;
        _simpleKeys[_simpleKeys.Count - 1] = default;
        return true;
    }

    /// <summary>A simple key ends on its line and within 1,024 characters.</summary>
    private bool StaleSimpleKeys()
    {
        for (var i = 0; i < _simpleKeys.Count; i++)
        {
            var key = _simpleKeys[i];
            if (key.IsPossible && (key.Mark.Line < _line || key.Mark.Index + MaxKeyLength < _pos))
            {
                if (key.IsRequired)
                    return false;
                _simpleKeys[i] = default;
            }
        }

        return true;
    }

    /// <summary>An anchor or alias; names are what YamlDotNet reads, less the ones with a ':' (its rules for those vary).</summary>
    private bool FetchAnchor(FastTokenKind kind)
    {
        // Anchors inside flow collections follow rules of YamlDotNet's own ("{a: &x b, c: d}" fails): declined.
        if (kind == FastTokenKind.Anchor && _flowLevel > 0 || !SaveSimpleKey())
            return false;
        _simpleKeyAllowed = false;
        var start = Here;
        _pos++;
        var nameStart = _pos;
        while (!IsBlankOrEnd(_pos) && !IsFlowIndicator(_text[_pos]))
        {
            if (_text[_pos] == ':')
                return false;
            _pos++;
        }

        if (_pos == nameStart || !(IsBlankOrEnd(_pos) || _flowLevel > 0 && At(_pos) is ',' or ']' or '}'))
            return false;
        Add(kind, start, Here, _text.Substring(nameStart, _pos - nameStart));
        return true;
    }

    /// <summary>A local tag <c>!name</c> (letters, digits, '-', '_') outside flow collections; handles, verbatim tags and URI characters decline.</summary>
    private bool FetchTag()
    {
        if (_flowLevel > 0 || !SaveSimpleKey())
            return false;
        _simpleKeyAllowed = false;
        var start = Here;
        _pos++;
        while (At(_pos) is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '-' or '_')
            _pos++;
        if (_pos == start.Index + 1 || !IsBlankOrEnd(_pos))
            return false;
        Add(FastTokenKind.Tag, start, Here, _text.Substring((int)start.Index, _pos - (int)start.Index));
        return true;
    }

    /// <summary>A place where a simple key may start; <see cref="IsPossible"/> is false for the default value.</summary>
    private readonly struct SimpleKey
    {
        public SimpleKey(bool isRequired, int tokenNumber, Mark mark)
        {
            IsPossible = true;
            IsRequired = isRequired;
            TokenNumber = tokenNumber;
            Mark = mark;
        }

        public bool IsPossible { get; }

        public bool IsRequired { get; }

        public int TokenNumber { get; }

        public Mark Mark { get; }
    }
}
