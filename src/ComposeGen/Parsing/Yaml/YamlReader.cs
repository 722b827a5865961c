using System;
using System.Collections.Generic;
using System.IO;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing.Interpolation;
using ComposeGen.Parsing.Yaml.Fast;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ComposeGen.Parsing.Yaml;

/// <summary>
/// The documents of one file (none when the text is not usable) and what went wrong. A file may hold
/// several <c>---</c> documents: docker compose merges each onto the previous, like override files.
/// </summary>
public sealed record YamlReadResult(IReadOnlyList<YNode> Documents, IReadOnlyList<ComposeProblem> Problems)
{
    public YNode? Root => Documents.Count > 0 ? Documents[0] : null;

    /// <summary>
    /// False when no node of the documents carries <c>!reset</c> or <c>!override</c>: the loader then skips the
    /// pass that resolves those tags (it would return the tree unchanged).
    /// </summary>
    public bool HasMergeTags { get; init; } = true;
}

/// <summary>
/// Reads one compose file into a <see cref="YNode"/> tree in a single pass over YamlDotNet's event
/// parser. Building the tree from events (rather than through YamlStream) lets every budget be
/// checked before memory or stack is spent: nesting depth and scalar length as events arrive, alias
/// expansion as a size count on shared nodes, so an alias bomb is measured, never expanded.
/// </summary>
public static class YamlReader
{
    private const char ByteOrderMark = '\uFEFF';

    public static YamlReadResult Read(string text, string path, IVariableSource? variables = null, ParserLimits? limits = null)
        => Read(text, path, variables, limits, allowFastPath: true);

    /// <summary><see cref="Read(string, string, IVariableSource?, ParserLimits?)"/>, with the fast path for YAML events on or off (the tests compare the two).</summary>
    internal static YamlReadResult Read(string text, string path, IVariableSource? variables, ParserLimits? limits, bool allowFastPath)
    {
        limits ??= ParserLimits.Default;
        var problems = new List<ComposeProblem>();
        try
        {
            if (text.Length > limits.MaxFileLength)
            {
                problems.Add(Problem(DiagnosticIds.SafetyLimit, ProblemSeverity.Error,
                    $"the file is {text.Length:N0} characters long; the limit is {limits.MaxFileLength:N0}", SourceSpan.None(path)));
                return new YamlReadResult(Array.Empty<YNode>(), problems);
            }

            var builder = new TreeBuilder(text, path, variables, limits, problems, allowFastPath);
            var documents = builder.Build();
            return new YamlReadResult(documents, problems) { HasMergeTags = builder.HasMergeTags };
        }
        catch (Exception exception)
        {
            // Last line of defence: YamlDotNet or our own code failed in a way not foreseen above.
            problems.Add(Problem(DiagnosticIds.YamlSyntax, ProblemSeverity.Error,
                $"the file could not be read ({exception.GetType().Name}: {exception.Message}); please report this", SourceSpan.None(path)));
            return new YamlReadResult(Array.Empty<YNode>(), problems);
        }
    }

    internal static ComposeProblem Problem(string id, ProblemSeverity severity, string message, SourceSpan span)
        => new(id, severity, message, span);

    /// <summary>Thrown inside the builder to stop at the first fatal problem; never escapes <see cref="Read"/>.</summary>
    private sealed class StopReading : Exception
    {
    }

    private sealed class TreeBuilder
    {
        private readonly string _text;
        private readonly string _path;
        private readonly IVariableSource? _variables;
        private readonly ParserLimits _limits;
        private readonly List<ComposeProblem> _problems;
        private readonly int _offset;
        private readonly Dictionary<string, YNode> _anchors = new(StringComparer.Ordinal);

        // Expanded size of each node that an alias made shared: the tree is a DAG until someone walks
        // it, and this is how big that walk would be.
        private readonly Dictionary<YNode, long> _expandedSize = new(ReferenceComparer<YNode>.Instance);
        private readonly HashSet<string> _openAnchors = new(StringComparer.Ordinal);

        // Lists of key/value pairs of the mappings being read, reused: a mapping's pairs are garbage once it is complete.
        private readonly Stack<List<MappingPair>> _freePairs = new();
        private readonly bool _allowFastPath;
        private long _expandedNodes;

        public TreeBuilder(string text, string path, IVariableSource? variables, ParserLimits limits, List<ComposeProblem> problems, bool allowFastPath)
        {
            _allowFastPath = allowFastPath;
            _offset = text.Length > 0 && text[0] == ByteOrderMark ? 1 : 0;
            _text = _offset == 0 ? text : text.Substring(1);
            _path = path;
            _variables = variables;
            _limits = limits;
            _problems = problems;
        }

        /// <summary>Whether any node read so far is tagged <c>!reset</c> or <c>!override</c>.</summary>
        public bool HasMergeTags { get; private set; }

        public IReadOnlyList<YNode> Build()
        {
            // The fast path gives the same events as YamlDotNet's parser, or declines and YamlDotNet reads the text.
            var parser = (_allowFastPath ? FastYamlParser.TryParse(_text) : null) ?? new Parser(new StringReader(_text));
            var documents = new List<YNode>();
            try
            {
                while (Advance(parser))
                {
                    switch (parser.Current)
                    {
                        case DocumentStart:
                            // Anchors do not cross documents.
                            _anchors.Clear();
                            break;
                        case DocumentEnd:
                        case StreamStart:
                        case StreamEnd:
                        case Comment:
                            break;
                        default:
                            documents.Add(ReadNode(parser));
                            break;
                    }
                }
            }
            catch (StopReading)
            {
                return Array.Empty<YNode>();
            }
            catch (YamlException exception)
            {
                Report(DiagnosticIds.YamlSyntax, ProblemSeverity.Error, Describe(exception), Span(exception.Start, exception.End));
                return Array.Empty<YNode>();
            }

            return documents;
        }

        /// <summary>
        /// Moves YamlDotNet's parser on. On some malformed input its scanner fails with a bare
        /// InvalidOperationException (or similar) instead of a YamlException; that is still a syntax
        /// error, reported just after the last event that parsed.
        /// </summary>
        private bool Advance(IParser parser)
        {
            var last = parser.Current;
            try
            {
                return parser.MoveNext();
            }
            catch (Exception exception) when (exception is not YamlException)
            {
                var at = last?.End ?? Mark.Empty;
                throw new YamlException(at, at, "the YAML parser could not read past this point", exception);
            }
        }

        /// <summary>Reads the node that starts at the parser's current event, iteratively (no recursion, so depth costs no stack).</summary>
        private YNode ReadNode(IParser parser)
        {
            var stack = new Stack<Frame>();
            while (true)
            {
                var current = parser.Current!;
                YNode? completed = null;
                switch (current)
                {
                    case Scalar scalar when scalar.Anchor.IsEmpty && stack.Count > 0 && stack.Peek().ExpectsKey:
                        // A mapping key: only its text, style, tag and span are kept, so no node is made for it.
                        stack.Peek().AddKey(ReadKey(scalar));
                        break;
                    case Scalar scalar:
                        completed = ReadScalar(scalar, isKey: stack.Count > 0 && stack.Peek().ExpectsKey);
                        break;
                    case AnchorAlias alias:
                        completed = ResolveAlias(alias);
                        break;
                    case SequenceStart sequenceStart:
                        stack.Push(Frame.Sequence(sequenceStart));
                        CheckDepth(stack.Count, sequenceStart);
                        OpenAnchor(sequenceStart.Anchor);
                        break;
                    case MappingStart mappingStart:
                        stack.Push(Frame.Mapping(mappingStart, _freePairs.Count > 0 ? _freePairs.Pop() : new()));
                        CheckDepth(stack.Count, mappingStart);
                        OpenAnchor(mappingStart.Anchor);
                        break;
                    case SequenceEnd sequenceEnd:
                        completed = stack.Pop().CompleteSequence(this, sequenceEnd);
                        break;
                    case MappingEnd mappingEnd:
                        completed = stack.Pop().CompleteMapping(this, mappingEnd);
                        break;
                    case Comment:
                        break;
                    default:
                        throw new YamlException(current.Start, current.End, "unexpected " + current.GetType().Name);
                }

                if (completed is not null)
                {
                    if (stack.Count == 0)
                        return completed;
                    stack.Peek().Add(completed);
                }

                if (!Advance(parser))
                    throw new YamlException(current.Start, current.End, "the document ends in the middle of a node");
            }
        }

        private void CheckDepth(int depth, ParsingEvent at)
        {
            if (depth > _limits.MaxDepth)
                Stop(DiagnosticIds.SafetyLimit, $"the document is nested more than {_limits.MaxDepth} levels deep", Span(at.Start, at.End));
        }

        private KeyScalar ReadKey(Scalar scalar)
        {
            var span = Span(scalar.Start, scalar.End);
            if (scalar.Value.Length > _limits.MaxScalarLength)
                Stop(DiagnosticIds.SafetyLimit, $"a value is {scalar.Value.Length:N0} characters long; the limit is {_limits.MaxScalarLength:N0}", span);
            return new KeyScalar(scalar.Value, scalar.Style == ScalarStyle.Plain, Tag(scalar.Tag), span);
        }

        private YScalar ReadScalar(Scalar scalar, bool isKey)
        {
            var span = Span(scalar.Start, scalar.End);
            if (scalar.Value.Length > _limits.MaxScalarLength)
                Stop(DiagnosticIds.SafetyLimit, $"a value is {scalar.Value.Length:N0} characters long; the limit is {_limits.MaxScalarLength:N0}", span);

            var tag = Tag(scalar.Tag);
            var isPlain = scalar.Style == ScalarStyle.Plain;
            YScalar node;
            if (isKey || _variables is null || scalar.Value.IndexOf('$') < 0)
            {
                node = new YScalar(scalar.Value, isPlain, span, tag);
            }
            else
            {
                var parsed = TemplateParser.Parse(scalar.Value);
                if (parsed.Error is not null)
                {
                    Report(DiagnosticIds.Interpolation, ProblemSeverity.Error, $"'{Shorten(scalar.Value)}': {parsed.Error}", span);
                    node = new YScalar(scalar.Value, isPlain, span, tag);
                }
                else
                {
                    var result = TemplateEvaluator.Evaluate(parsed.Template, _variables);
                    foreach (var name in result.MissingVariables)
                        Report(DiagnosticIds.Interpolation, ProblemSeverity.Warning, $"variable '{name}' is not set and has no default; it is replaced by an empty string", span);
                    if (result.RequiredError is not null)
                        Report(DiagnosticIds.Interpolation, ProblemSeverity.Error, result.RequiredError, span);
                    node = new YScalar(scalar.Value, isPlain, span, tag, parsed.Template, result.Value, result.MissingVariables.Count > 0);
                }
            }

            Register(scalar.Anchor, node);
            return node;
        }

        /// <summary>The tag as written, or null; notes whether it is one of the tags the merge pass resolves.</summary>
        private string? Tag(TagName tag)
        {
            if (tag.IsEmpty)
                return null;
            var value = tag.Value;
            if (value is "!reset" or "!override")
                HasMergeTags = true;
            return value;
        }

        private YNode ResolveAlias(AnchorAlias alias)
        {
            var span = Span(alias.Start, alias.End);
            var name = alias.Value.Value;
            if (_openAnchors.Contains(name))
                Stop(DiagnosticIds.YamlSyntax, $"alias '*{name}' refers to a node that contains it (a cycle)", span);
            if (!_anchors.TryGetValue(name, out var target))
                Stop(DiagnosticIds.YamlSyntax, $"alias '*{name}' refers to no anchor '&{name}' defined before it", span);

            // Re-using a node is free here, but every later walk expands it: count what it would cost.
            Spend(SizeOf(target!), span);
            return target!;
        }

        private void OpenAnchor(AnchorName anchor)
        {
            if (!anchor.IsEmpty)
                _openAnchors.Add(anchor.Value);
        }

        private void Register(AnchorName anchor, YNode node)
        {
            if (anchor.IsEmpty)
                return;
            _openAnchors.Remove(anchor.Value);
            _anchors[anchor.Value] = node;
        }

        private long SizeOf(YNode node)
        {
            if (_expandedSize.TryGetValue(node, out var size))
                return size;

            size = 1;
            switch (node)
            {
                case YSequence sequence:
                    foreach (var item in sequence.Items)
                        size += SizeOf(item);
                    break;
                case YMapping mapping:
                    foreach (var entry in mapping.Entries)
                        size += 1 + SizeOf(entry.Value);
                    break;
            }

            _expandedSize[node] = size;
            return size;
        }

        private void Spend(long nodes, SourceSpan at)
        {
            _expandedNodes += nodes;
            if (_expandedNodes > _limits.MaxExpandedNodes)
                Stop(DiagnosticIds.SafetyLimit, $"aliases expand the document to more than {_limits.MaxExpandedNodes:N0} nodes (an alias bomb?)", at);
        }

        internal YNode CompleteMapping(MappingStart start, MappingEnd end, List<MappingPair> pairs)
        {
            var span = Span(start.Start, end.End);
            var entries = new List<YEntry>(pairs.Count);
            List<(YNode Source, SourceSpan At)>? merges = null;
            var seen = new KeyIndex();
            foreach (var (key, keySpan, value) in pairs)
            {
                if (key.Raw is null)
                {
                    Report(DiagnosticIds.YamlSyntax, ProblemSeverity.Error, "a mapping key must be a plain value, not a mapping or a sequence", keySpan);
                    continue;
                }

                if (key.IsPlain && key.Tag is null && key.Raw == "<<" || key.Tag == "tag:yaml.org,2002:merge")
                {
                    (merges ??= new()).Add((value, keySpan));
                    continue;
                }

                if (key.IsPlain && key.Tag is null && ScalarTypes.ResolvesToNonString(key.Raw))
                    Report(DiagnosticIds.InvalidValue, ProblemSeverity.Error, $"non-string key '{key.Raw}': quote it to use it as a name", keySpan);

                if (seen.TryGet(entries, key.Raw, out var first))
                {
                    Report(DiagnosticIds.YamlSyntax, ProblemSeverity.Error, $"key '{key.Raw}' is already defined at line {first.StartLine}", keySpan);
                    continue;
                }

                var added = new YEntry(key.Raw, keySpan, value);
                entries.Add(added);
                seen.Added(added);
            }

            pairs.Clear();
            _freePairs.Push(pairs);

            if (merges is not null)
                ApplyMergeKeys(entries, ref seen, merges);

            var tag = Tag(start.Tag);
            var node = new YMapping(entries, span, tag);
            Register(start.Anchor, node);
            return node;
        }

        /// <summary>
        /// YAML merge keys: keys written in the mapping win; among several merged maps the first wins.
        /// </summary>
        private void ApplyMergeKeys(List<YEntry> entries, ref KeyIndex seen, List<(YNode Source, SourceSpan At)> merges)
        {
            foreach (var (source, at) in merges)
            {
                var sources = source is YSequence list ? list.Items : new[] { source };
                foreach (var item in sources)
                {
                    if (item is not YMapping map)
                    {
                        Report(DiagnosticIds.YamlSyntax, ProblemSeverity.Error,
                            $"'<<' merges mappings only, but this is a {item.KindName} (map merge requires map)", item.Span);
                        continue;
                    }

                    foreach (var entry in map.Entries)
                    {
                        if (seen.TryGet(entries, entry.Key, out _))
                            continue;
                        entries.Add(entry);
                        seen.Added(entry);
                        Spend(SizeOf(entry.Value), at);
                    }
                }
            }
        }

        internal YNode CompleteSequence(SequenceStart start, SequenceEnd end, List<YNode> items)
        {
            var tag = Tag(start.Tag);
            var node = new YSequence(items, Span(start.Start, end.End), tag);
            Register(start.Anchor, node);
            return node;
        }

        private void Report(string id, ProblemSeverity severity, string message, SourceSpan span)
            => _problems.Add(Problem(id, severity, message, span));

        private void Stop(string id, string message, SourceSpan span)
        {
            Report(id, ProblemSeverity.Error, message, span);
            throw new StopReading();
        }

        internal SourceSpan Span(Mark start, Mark end)
            => new(_path, (int)start.Index + _offset, (int)end.Index + _offset, (int)start.Line, (int)start.Column, (int)end.Line, (int)end.Column);

        private static string Describe(YamlException exception)
        {
            // YamlDotNet prefixes "(Line: .., Col: .., Idx: ..) - (...): "; the location is in the span already.
            var message = exception.Message;
            var cut = message.IndexOf("): ", StringComparison.Ordinal);
            return "YAML syntax error: " + (cut >= 0 && message.StartsWith("(", StringComparison.Ordinal) ? message.Substring(cut + 3) : message);
        }

        private static string Shorten(string value) => value.Length <= 60 ? value : value.Substring(0, 57) + "...";
    }

    /// <summary>A mapping or sequence under construction.</summary>
    private sealed class Frame
    {
        private readonly MappingStart? _mapping;
        private readonly SequenceStart? _sequence;
        private readonly List<MappingPair>? _pairs;
        private readonly List<YNode>? _items;
        private YNode? _pendingKey;
        private KeyScalar _key;
        private bool _hasKey;

        private Frame(MappingStart? mapping, SequenceStart? sequence, List<MappingPair>? pairs)
        {
            _mapping = mapping;
            _sequence = sequence;
            if (mapping is not null)
                _pairs = pairs;
            else
                _items = new();
        }

        /// <summary>A mapping; <paramref name="pairs"/> is an empty list it may use until it is complete.</summary>
        public static Frame Mapping(MappingStart start, List<MappingPair> pairs) => new(start, null, pairs);

        public static Frame Sequence(SequenceStart start) => new(null, start, null);

        public bool ExpectsKey => _mapping is not null && _pendingKey is null && !_hasKey;

        public void Add(YNode node)
        {
            if (_items is not null)
            {
                _items.Add(node);
                return;
            }

            if (_hasKey)
            {
                _pairs!.Add(new MappingPair(_key, node));
                _hasKey = false;
                return;
            }

            if (_pendingKey is null)
            {
                _pendingKey = node;
                return;
            }

            var key = _pendingKey is YScalar scalar ? new KeyScalar(scalar.Raw, scalar.IsPlain, scalar.Tag, scalar.Span) : new KeyScalar(null, false, null, _pendingKey.Span);
            _pairs!.Add(new MappingPair(key, node));
            _pendingKey = null;
        }

        /// <summary>The key of the next pair, read straight from its scalar event.</summary>
        public void AddKey(KeyScalar key)
        {
            _key = key;
            _hasKey = true;
        }

        public YNode CompleteMapping(TreeBuilder builder, MappingEnd end) => builder.CompleteMapping(_mapping!, end, _pairs!);

        public YNode CompleteSequence(TreeBuilder builder, SequenceEnd end) => builder.CompleteSequence(_sequence!, end, _items!);
    }

    /// <summary>
    /// The keys of a mapping under construction (each is in the entries list once): a linear search while the
    /// mapping is small, which is almost always, and a dictionary once it is not.
    /// </summary>
    private struct KeyIndex
    {
        private const int LinearLimit = 16;
        private Dictionary<string, SourceSpan>? _index;

        public bool TryGet(List<YEntry> entries, string key, out SourceSpan span)
        {
            if (_index is null)
            {
                if (entries.Count <= LinearLimit)
                {
                    foreach (var entry in entries)
                    {
                        if (string.Equals(entry.Key, key, StringComparison.Ordinal))
                        {
                            span = entry.KeySpan;
                            return true;
                        }
                    }

                    span = default;
                    return false;
                }

                _index = new Dictionary<string, SourceSpan>(entries.Count * 2, StringComparer.Ordinal);
                foreach (var entry in entries)
                    _index[entry.Key] = entry.KeySpan;
            }

            return _index.TryGetValue(key, out span);
        }

        public void Added(YEntry entry)
        {
            if (_index is not null)
                _index[entry.Key] = entry.KeySpan;
        }
    }

    /// <summary>A mapping key as the duplicate and merge-key checks need it; <see cref="Raw"/> is null for a key that is not a scalar.</summary>
    private readonly record struct KeyScalar(string? Raw, bool IsPlain, string? Tag, SourceSpan Span);

    /// <summary>One key/value pair of a mapping under construction.</summary>
    private readonly record struct MappingPair(KeyScalar Key, YNode Value)
    {
        public void Deconstruct(out KeyScalar key, out SourceSpan keySpan, out YNode value)
        {
            key = Key;
            keySpan = Key.Span;
            value = Value;
        }
    }
}
