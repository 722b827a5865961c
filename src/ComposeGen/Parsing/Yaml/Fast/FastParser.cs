using System.Collections.Generic;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using TagDirective = YamlDotNet.Core.Tokens.TagDirective;

namespace ComposeGen.Parsing.Yaml.Fast;

/// <summary>
/// YamlDotNet's <c>Parser</c> state machine over the fast scanner's tokens: the same productions, the same events
/// and marks. Where YamlDotNet would fail, or where its event depends on how far its scanner had read ahead (an
/// empty explicit document), it declines. The state stack is explicit, so depth costs no call stack.
/// </summary>
internal sealed class FastParser
{
    private readonly FastScanner _scanner;
    private readonly List<ParsingEvent> _events;
    private readonly Stack<State> _states = new();
    private State _state;
    private FastToken _current;
    private FastTokenKind _previousKind;

    public FastParser(FastScanner scanner, List<ParsingEvent> events)
    {
        _scanner = scanner;
        _events = events;
    }

    private enum State
    {
        StreamStart,
        ImplicitDocumentStart,
        DocumentStart,
        DocumentContent,
        DocumentEnd,
        BlockNode,
        BlockNodeOrIndentlessSequence,
        FlowNode,
        BlockSequenceFirstEntry,
        BlockSequenceEntry,
        IndentlessSequenceEntry,
        BlockMappingFirstKey,
        BlockMappingKey,
        BlockMappingValue,
        FlowSequenceFirstEntry,
        FlowSequenceEntry,
        FlowMappingFirstKey,
        FlowMappingKey,
        FlowMappingValue,
        StreamEnd,
    }

    private FastToken Current => _current;

    private FastTokenKind Kind => _current.Kind;

    /// <summary>Turns the whole text into events; false when the fast path declines it.</summary>
    public bool Parse(string text)
    {
        _events.Clear();
        _states.Clear();
        _state = State.StreamStart;
        _previousKind = FastTokenKind.StreamStart;
        if (!_scanner.Start(text) || !_scanner.TryPeek(out _current))
            return false;
        while (_state != State.StreamEnd)
        {
            var next = Step();
            if (next is null)
                return false;
            _events.Add(next);
        }

        return _current.Kind == FastTokenKind.StreamEnd;
    }

    private ParsingEvent? Step() => _state switch
    {
        State.StreamStart => ParseStreamStart(),
        State.ImplicitDocumentStart => ParseDocumentStart(isImplicit: true),
        State.DocumentStart => ParseDocumentStart(isImplicit: false),
        State.DocumentContent => Kind is FastTokenKind.DocumentStart or FastTokenKind.StreamEnd ? null : ParseNode(isBlock: true, isIndentlessSequence: false),
        State.DocumentEnd => ParseDocumentEnd(),
        State.BlockNode => ParseNode(isBlock: true, isIndentlessSequence: false),
        State.BlockNodeOrIndentlessSequence => ParseNode(isBlock: true, isIndentlessSequence: true),
        State.FlowNode => ParseNode(isBlock: false, isIndentlessSequence: false),
        State.BlockSequenceFirstEntry => ParseBlockSequenceEntry(isFirst: true),
        State.BlockSequenceEntry => ParseBlockSequenceEntry(isFirst: false),
        State.IndentlessSequenceEntry => ParseIndentlessSequenceEntry(),
        State.BlockMappingFirstKey => ParseBlockMappingKey(isFirst: true),
        State.BlockMappingKey => ParseBlockMappingKey(isFirst: false),
        State.BlockMappingValue => ParseBlockMappingValue(),
        State.FlowSequenceFirstEntry => ParseFlowSequenceEntry(isFirst: true),
        State.FlowSequenceEntry => ParseFlowSequenceEntry(isFirst: false),
        State.FlowMappingFirstKey => ParseFlowMappingKey(isFirst: true),
        State.FlowMappingKey => ParseFlowMappingKey(isFirst: false),
        State.FlowMappingValue => ParseFlowMappingValue(),
        _ => null,
    };

    /// <summary>Moves to the next token; false past STREAM-END or when the scanner declines.</summary>
    private bool Skip()
    {
        _previousKind = _current.Kind;
        _scanner.Consume();
        return _scanner.TryPeek(out _current);
    }

    private ParsingEvent? ParseStreamStart()
    {
        var token = Current;
        if (token.Kind != FastTokenKind.StreamStart || !Skip())
            return null;
        _state = State.ImplicitDocumentStart;
        return new StreamStart(token.Start, token.End);
    }

    private ParsingEvent? ParseDocumentStart(bool isImplicit)
    {
        var token = Current;
        if (token.Kind == FastTokenKind.Scalar)
            isImplicit = true;
        if (isImplicit && token.Kind is not (FastTokenKind.DocumentStart or FastTokenKind.StreamEnd) || token.Kind == FastTokenKind.BlockMappingStart)
        {
            _states.Push(State.DocumentEnd);
            _state = State.BlockNode;
            return new DocumentStart(null, DefaultTagDirectives(), true, token.Start, token.End);
        }

        if (token.Kind == FastTokenKind.DocumentStart)
        {
            _states.Push(State.DocumentEnd);
            _state = State.DocumentContent;
            return Skip() ? new DocumentStart(null, DefaultTagDirectives(), false, token.Start, token.End) : null;
        }

        _state = State.StreamEnd;
        return new StreamEnd(token.Start, token.End);
    }

    /// <summary>The tag directives YamlDotNet's parser gives every document that declares none.</summary>
    private static TagDirectiveCollection DefaultTagDirectives()
        => new() { new TagDirective("!", "!"), new TagDirective("!!", "tag:yaml.org,2002:") };

    private ParsingEvent? ParseDocumentEnd()
    {
        var token = Current;
        if (token.Kind is not (FastTokenKind.StreamEnd or FastTokenKind.DocumentStart))
            return null;
        _state = State.DocumentStart;
        return new DocumentEnd(true, token.Start, token.Start);
    }

    private ParsingEvent? ParseNode(bool isBlock, bool isIndentlessSequence)
    {
        // Aliases and properties on a key are declined: YamlDotNet's IsKey and alias-key rules are its own there.
        var isKey = _previousKind == FastTokenKind.Key;
        var token = Current;
        if (token.Kind == FastTokenKind.Alias)
        {
            return isKey ? null : Complete(new AnchorAlias(new AnchorName(token.Text!), token.Start, token.End));
        }

        var start = token.Start;
        string? anchor = null;
        string? tag = null;
        while (true)
        {
            if (anchor is null && Kind == FastTokenKind.Anchor || tag is null && Kind == FastTokenKind.Tag)
            {
                if (isKey)
                    return null;
                if (Kind == FastTokenKind.Anchor)
                    anchor = Current.Text;
                else
                    tag = Current.Text;
                if (!Skip())
                    return null;
            }
            else if (Kind is FastTokenKind.Alias or FastTokenKind.Anchor or FastTokenKind.Tag)
            {
                return null;
            }
            else
            {
                break;
            }
        }

        var anchorName = anchor is null ? AnchorName.Empty : new AnchorName(anchor);
        var tagName = tag is null ? TagName.Empty : new TagName(tag);
        var isImplicit = tag is null;
        token = Current;
        switch (token.Kind)
        {
            case FastTokenKind.BlockEntry when isIndentlessSequence:
                _state = State.IndentlessSequenceEntry;
                return new SequenceStart(anchorName, tagName, isImplicit, SequenceStyle.Block, start, token.End);
            case FastTokenKind.Scalar:
                var isPlainImplicit = token.Style == ScalarStyle.Plain && tag is null;
                var isQuotedImplicit = !isPlainImplicit && tag is null;
                return Complete(new Scalar(anchorName, tagName, token.Text!, token.Style, isPlainImplicit, isQuotedImplicit, start, token.End, isKey));
            case FastTokenKind.FlowSequenceStart:
                _state = State.FlowSequenceFirstEntry;
                return new SequenceStart(anchorName, tagName, isImplicit, SequenceStyle.Flow, start, token.End);
            case FastTokenKind.FlowMappingStart:
                _state = State.FlowMappingFirstKey;
                return new MappingStart(anchorName, tagName, isImplicit, MappingStyle.Flow, start, token.End);
            case FastTokenKind.BlockSequenceStart when isBlock:
                _state = State.BlockSequenceFirstEntry;
                return new SequenceStart(anchorName, tagName, isImplicit, SequenceStyle.Block, start, token.End);
            case FastTokenKind.BlockMappingStart when isBlock:
                _state = State.BlockMappingFirstKey;
                return new MappingStart(anchorName, tagName, isImplicit, MappingStyle.Block, start, token.End);
        }

        if (anchor is null && tag is null)
            return null;

        // Properties and no content: an empty scalar that ends where the next token ends.
        _state = _states.Pop();
        return new Scalar(anchorName, tagName, string.Empty, ScalarStyle.Plain, isImplicit, false, start, token.End);
    }

    /// <summary>A node or collection that ends at the current token: back to the state that was waiting for it, past the token.</summary>
    private ParsingEvent? Complete(ParsingEvent completed)
    {
        _state = _states.Pop();
        return Skip() ? completed : null;
    }

    private static Scalar EmptyScalar(Mark at) => new(AnchorName.Empty, TagName.Empty, string.Empty, ScalarStyle.Plain, true, false, at, at);

    private ParsingEvent? ParseBlockSequenceEntry(bool isFirst)
    {
        if (isFirst && !Skip())
            return null;
        var token = Current;
        if (token.Kind == FastTokenKind.BlockEntry)
            return Skip() ? BlockNodeOrEmpty(Kind is FastTokenKind.BlockEntry or FastTokenKind.BlockEnd, State.BlockSequenceEntry, token.End, isIndentlessSequence: false) : null;

        if (token.Kind != FastTokenKind.BlockEnd)
            return null;
        return Complete(new SequenceEnd(token.Start, token.End));
    }

    private ParsingEvent? ParseIndentlessSequenceEntry()
    {
        var token = Current;
        if (token.Kind != FastTokenKind.BlockEntry)
        {
            _state = _states.Pop();
            return new SequenceEnd(token.Start, token.End);
        }

        return Skip()
            ? BlockNodeOrEmpty(Kind is FastTokenKind.BlockEntry or FastTokenKind.Key or FastTokenKind.Value or FastTokenKind.BlockEnd, State.IndentlessSequenceEntry, token.End, isIndentlessSequence: false)
            : null;
    }

    private ParsingEvent? ParseBlockMappingKey(bool isFirst)
    {
        if (isFirst && !Skip())
            return null;
        var token = Current;
        if (token.Kind == FastTokenKind.Key)
        {
            // An empty key never comes out of the fast scanner: a KEY is always followed by its first token.
            if (!Skip() || Kind is FastTokenKind.Key or FastTokenKind.Value or FastTokenKind.BlockEnd)
                return null;
            _states.Push(State.BlockMappingValue);
            return ParseNode(isBlock: true, isIndentlessSequence: true);
        }

        if (token.Kind != FastTokenKind.BlockEnd)
            return null;
        return Complete(new MappingEnd(token.Start, token.End));
    }

    private ParsingEvent? ParseBlockMappingValue()
    {
        var token = Current;
        if (token.Kind != FastTokenKind.Value)
        {
            _state = State.BlockMappingKey;
            return EmptyScalar(token.Start);
        }

        return Skip() ? BlockNodeOrEmpty(Kind is FastTokenKind.Key or FastTokenKind.Value or FastTokenKind.BlockEnd, State.BlockMappingKey, token.End, isIndentlessSequence: true) : null;
    }

    /// <summary>The node of an entry or a value, or an empty scalar at <paramref name="emptyAt"/> when there is none; then <paramref name="next"/>.</summary>
    private ParsingEvent? BlockNodeOrEmpty(bool isEmpty, State next, Mark emptyAt, bool isIndentlessSequence)
    {
        if (isEmpty)
        {
            _state = next;
            return EmptyScalar(emptyAt);
        }

        _states.Push(next);
        return ParseNode(isBlock: true, isIndentlessSequence);
    }

    private ParsingEvent? ParseFlowSequenceEntry(bool isFirst)
    {
        if (isFirst && !Skip())
            return null;
        if (Kind != FastTokenKind.FlowSequenceEnd)
        {
            if (!isFirst && (Kind != FastTokenKind.FlowEntry || !Skip()))
                return null;

            // A single-pair mapping inside a flow sequence ("[a: b]") is declined.
            if (Kind == FastTokenKind.Key)
                return null;
            if (Kind != FastTokenKind.FlowSequenceEnd)
            {
                _states.Push(State.FlowSequenceEntry);
                return ParseNode(isBlock: false, isIndentlessSequence: false);
            }
        }

        return Complete(new SequenceEnd(Current.Start, Current.End));
    }

    private ParsingEvent? ParseFlowMappingKey(bool isFirst)
    {
        if (isFirst && !Skip())
            return null;
        if (Kind != FastTokenKind.FlowMappingEnd)
        {
            if (!isFirst && (Kind != FastTokenKind.FlowEntry || !Skip()))
                return null;

            // Only "key: value" entries; a key without a value or a value without a key is declined.
            if (Kind != FastTokenKind.FlowMappingEnd)
            {
                if (Kind != FastTokenKind.Key || !Skip() || Kind is FastTokenKind.Value or FastTokenKind.FlowEntry or FastTokenKind.FlowMappingEnd)
                    return null;
                _states.Push(State.FlowMappingValue);
                return ParseNode(isBlock: false, isIndentlessSequence: false);
            }
        }

        return Complete(new MappingEnd(Current.Start, Current.End));
    }

    private ParsingEvent? ParseFlowMappingValue()
    {
        if (Kind == FastTokenKind.Value)
        {
            if (!Skip())
                return null;
            if (Kind is not (FastTokenKind.FlowEntry or FastTokenKind.FlowMappingEnd))
            {
                _states.Push(State.FlowMappingKey);
                return ParseNode(isBlock: false, isIndentlessSequence: false);
            }
        }

        _state = State.FlowMappingKey;
        return EmptyScalar(Current.Start);
    }
}
