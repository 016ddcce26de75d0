using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// A ring buffer of <see cref="CandleRow"/>s, oldest first. Dropping the oldest row is O(1), so a full series
/// trims one row per new bar instead of keeping slack and removing chunks; it grows by doubling up to a length the
/// caller chooses, so a loaded series wastes no slots. Rows are handed out by reference and written in place: a row
/// is 88 bytes, and a live bar touches the newest row of five series.
/// <para>
/// The rows' <see cref="TradeFields"/> live in a second array of the same length, slot for slot (the same head, the
/// same moves), allocated only when a bar with a trade count or VWAP arrives: a buffer fed by a source that gives
/// neither (the simulator) holds the rows and nothing more. Once allocated, every write of a row writes its slot there.
/// </para>
/// </summary>
public sealed class CandleBuffer
{
    private CandleRow[] _rows = [];
    /// <summary>Null while no row had trade fields: every row's are then <see cref="TradeFields.None"/>.</summary>
    private TradeFields[]? _trades;
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

    /// <summary>True once a row had a trade count or VWAP: the side array of trade fields is allocated.</summary>
    public bool HoldsTradeFields => _trades is not null;

    /// <summary>The trade count and VWAP of the row at <paramref name="index"/>.</summary>
    public TradeFields TradesAt(int index)
    {
        if ((uint)index >= (uint)Count) ThrowIndexOutOfRange();
        return _trades is null ? TradeFields.None : _trades[Slot(index)];
    }

    /// <summary>Replaces the trade count and VWAP of the row at <paramref name="index"/>.</summary>
    public void SetTrades(int index, in TradeFields trades)
    {
        if ((uint)index >= (uint)Count) ThrowIndexOutOfRange();
        if (_trades is null && trades.IsNone) return;
        Trades()[Slot(index)] = trades;
    }

    /// <summary>The row at <paramref name="index"/> as a bar, with its trade fields.</summary>
    public Bar ToBar(int index) => this[index].ToBar(TradesAt(index));

    /// <summary>The row at <paramref name="index"/> as a candle, with its trade fields.</summary>
    public Candle ToCandle(int index) => this[index].ToCandle(TradesAt(index));

    /// <summary>Empties the buffer and allocates exactly <paramref name="length"/> slots (trade fields when a row brings them).</summary>
    public void Reset(int length)
    {
        if (_rows.Length != length) _rows = new CandleRow[length];
        _trades = null;
        _head = 0;
        Count = 0;
    }

    /// <summary>Makes room for one more row by growing towards <paramref name="maxLength"/>; false when already that long.</summary>
    public bool TryGrow(int maxLength) => Count < _rows.Length || Grow(maxLength);

    /// <summary>
    /// Appends a row with its trade fields and returns the row, to be completed in place; there must be room
    /// (<see cref="TryGrow"/>).
    /// </summary>
    public ref CandleRow Add(in CandleRow row, in TradeFields trades)
    {
        if (Count == _rows.Length) ThrowFull();
        var index = Slot(Count);
        ref var slot = ref _rows[index];
        slot = row;
        // A slot is reused once the ring wraps: with the side array allocated it is written even with none.
        if (_trades is not null || !trades.IsNone) Trades()[index] = trades;
        Count++;
        return ref slot;
    }

    /// <summary>Inserts a row with its trade fields before <paramref name="index"/>, moving the newer rows up; there must be room.</summary>
    public void Insert(int index, in CandleRow row, in TradeFields trades)
    {
        if (Count == _rows.Length) ThrowFull();
        if ((uint)index > (uint)Count) ThrowIndexOutOfRange();
        if (_trades is null && !trades.IsNone) Trades();
        for (var i = Count; i > index; i--)
        {
            _rows[Slot(i)] = _rows[Slot(i - 1)];
            if (_trades is not null) _trades[Slot(i)] = _trades[Slot(i - 1)];
        }
        _rows[Slot(index)] = row;
        if (_trades is not null) _trades[Slot(index)] = trades;
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
        if (_trades is not null)
        {
            var trades = NewTrades(length);
            for (var i = 0; i < Count; i++) trades[i] = _trades[Slot(i)];
            _trades = trades;
        }
        _rows = rows;
        _head = 0;
        return true;
    }

    /// <summary>The side array of trade fields, allocated on first use with every slot <see cref="TradeFields.None"/>.</summary>
    private TradeFields[] Trades() => _trades ??= NewTrades(_rows.Length);

    private static TradeFields[] NewTrades(int length)
    {
        var trades = new TradeFields[length];
        Array.Fill(trades, TradeFields.None);
        return trades;
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
