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
    // One scanner and parser per thread, reused: their buffers would otherwise be most of what the fast path allocates.
    [ThreadStatic]
    private static Instance? t_instance;

    /// <summary>
    /// An <see cref="IParser"/> over the text's events, or null when the fast path declines the text. The events are
    /// played from this thread's reusable lists, which go back to it once the last event has been read.
    /// </summary>
    public static IParser? TryParse(string text)
    {
        var instance = Take();
        if (instance.Read(text))
            return new EventReplay(instance);
        Return(instance);
        return null;
    }

    /// <summary>The text's events, or null when the fast path declines the text.</summary>
    public static List<ParsingEvent>? TryGetEvents(string text)
    {
        var instance = Take();
        var events = instance.Read(text) ? new List<ParsingEvent>(instance.Events) : null;
        Return(instance);
        return events;
    }

    private static Instance Take()
    {
        var instance = t_instance ?? new Instance();
        t_instance = null;
        return instance;
    }

    private static void Return(Instance instance)
    {
        instance.Release();
        t_instance = instance;
    }

    private sealed class Instance
    {
        // An event list grown past this many items is not kept for the next text.
        private const int MaxKeptCapacity = 1 << 16;

        public Instance()
        {
            Scanner = new FastScanner();
            Parser = new FastParser(Scanner, Events);
        }

        public List<ParsingEvent> Events { get; } = new();

        public FastScanner Scanner { get; }

        public FastParser Parser { get; }

        /// <summary>Scans and parses the whole text; false when the fast path declines it.</summary>
        public bool Read(string text)
        {
            try
            {
                return Parser.Parse(text);
            }
            catch (Exception)
            {
                // Not expected (every failure is a "declined" by construction), but the fast path must never fail a read.
                return false;
            }
        }

        public void Release()
        {
            Scanner.Release();
            Events.Clear();
            if (Events.Capacity > MaxKeptCapacity)
                Events.Capacity = MaxKeptCapacity;
        }
    }

    /// <summary>Plays the events of an instance back through YamlDotNet's parser interface, then returns the instance.</summary>
    private sealed class EventReplay : IParser
    {
        private Instance? _instance;
        private List<ParsingEvent>? _events;
        private int _index = -1;

        public EventReplay(Instance instance)
        {
            _instance = instance;
            _events = instance.Events;
        }

        public ParsingEvent? Current => _events is not null && _index >= 0 && _index < _events.Count ? _events[_index] : null;

        public bool MoveNext()
        {
            if (_events is null)
                return false;
            if (++_index < _events.Count)
                return true;

            _events = null;
            Return(_instance!);
            _instance = null;
            return false;
        }
    }
}
