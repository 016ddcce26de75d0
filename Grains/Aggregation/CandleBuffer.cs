using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// A ring buffer of <see cref="CandleRow"/>s, oldest first. Dropping the oldest row is O(1), so a full series
/// trims one row per new bar instead of keeping slack and removing chunks; it grows by doubling up to a length the
/// caller chooses, so a loaded series wastes no slots. Rows are handed out by reference and written in place: a row
/// is 104 bytes, and a live bar touches the newest row of five series.
/// </summary>
public sealed class CandleBuffer
{
    private CandleRow[] _rows = [];
    private int _head;

    public int Count { get; private set; }

    /// <summary>Slots allocated: rows that fit without growing.</summary>
    public int Length => _rows.Length;

    public ref CandleRow this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((uint)index >= (uint)Count) ThrowIndexOutOfRange();
            return ref _rows[Slot(index)];
        }
    }

    /// <summary>The newest row; the buffer must not be empty.</summary>
    public ref CandleRow Newest => ref this[Count - 1];

    /// <summary>Empties the buffer and allocates exactly <paramref name="length"/> slots.</summary>
    public void Reset(int length)
    {
        if (_rows.Length != length) _rows = new CandleRow[length];
        _head = 0;
        Count = 0;
    }

    /// <summary>Makes room for one more row by growing towards <paramref name="maxLength"/>; false when already that long.</summary>
    public bool TryGrow(int maxLength) => Count < _rows.Length || Grow(maxLength);

    /// <summary>Appends a row and returns it, to be completed in place; there must be room (<see cref="TryGrow"/>).</summary>
    public ref CandleRow Add(in CandleRow row)
    {
        if (Count == _rows.Length) ThrowFull();
        ref var slot = ref _rows[Slot(Count)];
        slot = row;
        Count++;
        return ref slot;
    }

    /// <summary>Inserts a row before <paramref name="index"/>, moving the newer rows up; there must be room.</summary>
    public void Insert(int index, in CandleRow row)
    {
        if (Count == _rows.Length) ThrowFull();
        if ((uint)index > (uint)Count) ThrowIndexOutOfRange();
        for (var i = Count; i > index; i--) _rows[Slot(i)] = _rows[Slot(i - 1)];
        _rows[Slot(index)] = row;
        Count++;
    }

    /// <summary>Removes the oldest row (read it first through the indexer if it is needed).</summary>
    public void RemoveFirst()
    {
        if (Count == 0) throw new InvalidOperationException("The buffer is empty.");
        _head = _head + 1 == _rows.Length ? 0 : _head + 1;
        Count--;
    }

    /// <summary>Binary search by start ticks: the index, or the bitwise complement of the insertion point.</summary>
    public int IndexOf(long ticks)
    {
        int lo = 0, hi = Count - 1;
        while (lo <= hi)
        {
            var mid = (lo + hi) >>> 1;
            var cmp = _rows[Slot(mid)].Ticks.CompareTo(ticks);
            if (cmp == 0) return mid;
            if (cmp < 0) lo = mid + 1;
            else hi = mid - 1;
        }
        return ~lo;
    }

    private bool Grow(int maxLength)
    {
        var length = Math.Min(Math.Max(4, _rows.Length * 2), maxLength);
        if (length <= _rows.Length) return false;
        var rows = new CandleRow[length];
        for (var i = 0; i < Count; i++) rows[i] = _rows[Slot(i)];
        _rows = rows;
        _head = 0;
        return true;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Slot(int index)
    {
        var slot = _head + index;
        return slot >= _rows.Length ? slot - _rows.Length : slot;
    }

    [DoesNotReturn]
    private static void ThrowIndexOutOfRange() => throw new ArgumentOutOfRangeException("index");

    [DoesNotReturn]
    private static void ThrowFull() => throw new InvalidOperationException("The buffer is full.");
}
