using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using ComposeGen.Analysis.Networking;

namespace ComposeGen.Analysis.CSharp;

/// <summary>
/// The host references of literal values already scanned, by value. The IDE makes a new compilation on every
/// keystroke and the compiler server builds the same project again and again; the values of their literals mostly
/// stay the same, so each distinct value is scanned once per process, not once per literal per compilation. What a
/// host means is still judged against each compilation's own compose project: only the scan is remembered.
/// </summary>
/// <remarks>
/// Keyed by content, not by string instance (a <c>ConditionalWeakTable</c>): a lookup hashes a short string, which
/// costs less than the table's lock and handle per entry, and a new build's equal strings find their entries. Bounded:
/// values longer than <see cref="MaxLength"/> are not kept, and the table starts over once it holds
/// <see cref="Capacity"/> values, far more than the literals of a large solution that can hold a host at all.
/// </remarks>
internal sealed class ScannedLiterals
{
    private const int Capacity = 16_384;
    private const int MaxLength = 1_024;

    private readonly ConcurrentDictionary<string, IReadOnlyList<HostReference>> _byValue = new(StringComparer.Ordinal);
    private int _count;

    public IReadOnlyList<HostReference> Of(string value)
    {
        if (_byValue.TryGetValue(value, out var known))
            return known;
        var found = HostReferenceExtractor.Extract(value);
        if (value.Length > MaxLength)
            return found;
        if (Interlocked.Increment(ref _count) > Capacity)
        {
            _byValue.Clear();
            Interlocked.Exchange(ref _count, 1);
        }

        _byValue.TryAdd(value, found);
        return found;
    }
}
