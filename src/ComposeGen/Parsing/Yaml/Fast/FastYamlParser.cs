using System;
using System.Collections.Generic;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ComposeGen.Parsing.Yaml.Fast;

/// <summary>
/// The fast path for YAML events: the events YamlDotNet's <see cref="Parser"/> would produce for a text (values,
/// anchors, tags, styles, implicit flags and marks alike, comments skipped), made by a scanner and parser of our own
/// for the YAML that compose files use. It reads the whole text before it answers, so a caller either gets every
/// event or none and uses YamlDotNet from the start: anything it does not handle exactly, and anything malformed,
/// is declined, which keeps YamlDotNet's error messages and positions.
/// </summary>
internal static class FastYamlParser
{
    // One scanner and parser per thread, reused: their token and event lists are most of what the fast path allocates.
    [ThreadStatic]
    private static Instance? t_instance;

    /// <summary>An <see cref="IParser"/> over the text's events, or null when the fast path declines the text.</summary>
    public static IParser? TryParse(string text)
    {
        var events = TryGetEvents(text);
        return events is null ? null : new EventReplay(events);
    }

    /// <summary>The text's events, or null when the fast path declines the text.</summary>
    public static List<ParsingEvent>? TryGetEvents(string text)
    {
        var instance = t_instance ?? new Instance();
        t_instance = null;
        try
        {
            return instance.Scanner.Scan(text) && instance.Parser.Parse() ? new List<ParsingEvent>(instance.Events) : null;
        }
        catch (Exception)
        {
            // Not expected (every failure is a "declined" by construction), but the fast path must never fail a read.
            return null;
        }
        finally
        {
            instance.Release();
            t_instance = instance;
        }
    }

    private sealed class Instance
    {
        // Lists grown past this many items are not kept for the next text.
        private const int MaxKeptCapacity = 1 << 16;

        private readonly List<FastToken> _tokens = new();

        public Instance()
        {
            Scanner = new FastScanner(_tokens);
            Parser = new FastParser(_tokens, Events);
        }

        public List<ParsingEvent> Events { get; } = new();

        public FastScanner Scanner { get; }

        public FastParser Parser { get; }

        public void Release()
        {
            _tokens.Clear();
            Events.Clear();
            if (_tokens.Capacity > MaxKeptCapacity)
                _tokens.Capacity = MaxKeptCapacity;
            if (Events.Capacity > MaxKeptCapacity)
                Events.Capacity = MaxKeptCapacity;
        }
    }

    /// <summary>Plays a list of events back through YamlDotNet's parser interface.</summary>
    private sealed class EventReplay : IParser
    {
        private readonly List<ParsingEvent> _events;
        private int _index = -1;

        public EventReplay(List<ParsingEvent> events) => _events = events;

        public ParsingEvent? Current => _index >= 0 && _index < _events.Count ? _events[_index] : null;

        public bool MoveNext()
        {
            if (_index < _events.Count)
                _index++;
            return _index < _events.Count;
        }
    }
}
