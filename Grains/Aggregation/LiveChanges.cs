using System.Numerics;
using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>
/// The timeframes whose newest candle one <see cref="SymbolHistory.Apply(Bar)"/> created or revised, a bit each: a
/// value rather than a list of candles, so that applying a live bar allocates nothing. Whoever publishes reads the
/// candles themselves from the series (<see cref="SymbolHistory.NewestCandles"/>).
/// </summary>
public readonly record struct LiveChanges
{
    private readonly int _mask;

    private LiveChanges(int mask) => _mask = mask;

    public static LiveChanges None => default;

    public bool IsEmpty => _mask == 0;

    public int Count => BitOperations.PopCount((uint)_mask);

    public bool Contains(Timeframe timeframe) => (_mask & Bit(timeframe)) != 0;

    public LiveChanges With(Timeframe timeframe) => new(_mask | Bit(timeframe));

    private static int Bit(Timeframe timeframe) => 1 << (int)timeframe;
}
