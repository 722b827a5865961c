using System;
using System.Collections;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace ComposeGen.Model;

/// <summary>
/// An immutable array with value equality, so that models holding lists stay equatable and the
/// incremental pipeline can tell "nothing changed" without re-running later steps.
/// </summary>
public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
{
    public static readonly EquatableArray<T> Empty = new(ImmutableArray<T>.Empty);

    private readonly ImmutableArray<T> _items;

    public EquatableArray(ImmutableArray<T> items) => _items = items;

    public EquatableArray(IEnumerable<T> items) => _items = items.ToImmutableArrayOrEmpty();

    public ImmutableArray<T> AsImmutableArray() => _items.IsDefault ? ImmutableArray<T>.Empty : _items;

    public int Count => _items.IsDefault ? 0 : _items.Length;

    public bool IsEmpty => Count == 0;

    public T this[int index] => _items[index];

    public bool Equals(EquatableArray<T> other)
    {
        var left = AsImmutableArray();
        var right = other.AsImmutableArray();
        if (left.Length != right.Length)
            return false;

        var comparer = EqualityComparer<T>.Default;
        for (var i = 0; i < left.Length; i++)
        {
            if (!comparer.Equals(left[i], right[i]))
                return false;
        }

        return true;
    }

    public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

    public override int GetHashCode()
    {
        var comparer = EqualityComparer<T>.Default;
        var hash = 17;
        foreach (var item in AsImmutableArray())
            hash = unchecked(hash * 31 + (item is null ? 0 : comparer.GetHashCode(item)));
        return hash;
    }

    public ImmutableArray<T>.Enumerator GetEnumerator() => AsImmutableArray().GetEnumerator();

    IEnumerator<T> IEnumerable<T>.GetEnumerator() => ((IEnumerable<T>)AsImmutableArray()).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => ((IEnumerable)AsImmutableArray()).GetEnumerator();

    public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

    public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

    public static implicit operator EquatableArray<T>(ImmutableArray<T> items) => new(items);

    public override string ToString() => "[" + string.Join(", ", AsImmutableArray()) + "]";
}

public static class EquatableArray
{
    public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new(items);

    /// <summary><c>items.Select(map).ToEquatableArray()</c> in one allocation (no boxed enumerator, iterator or growth buffer).</summary>
    internal static EquatableArray<TResult> Map<T, TResult>(this EquatableArray<T> items, Func<T, TResult> map)
    {
        if (items.Count == 0)
            return EquatableArray<TResult>.Empty;
        var builder = ImmutableArray.CreateBuilder<TResult>(items.Count);
        foreach (var item in items)
            builder.Add(map(item));
        return new EquatableArray<TResult>(builder.MoveToImmutable());
    }

    internal static ImmutableArray<T> ToImmutableArrayOrEmpty<T>(this IEnumerable<T>? items)
        => items is null ? ImmutableArray<T>.Empty : items.ToImmutableArray();
}
