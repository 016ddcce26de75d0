namespace OrleansMarketData.Storage.Tests.Infrastructure;

/// <summary>Bars and times for the tests: a fixed day, so nothing depends on when the tests run.</summary>
public static class Rows
{
    /// <summary>09:30 New York on a regular session (13:30 UTC).</summary>
    public static readonly DateTimeOffset Open = new(2025, 6, 10, 13, 30, 0, TimeSpan.Zero);

    public static DateTimeOffset Minute(int n) => Open.AddMinutes(n);

    /// <summary>A bar whose prices derive from <paramref name="close"/>, so that a replaced row is told apart by its close.</summary>
    public static StoredBar Bar(string symbol, Timeframe timeframe, DateTimeOffset time, double close,
        long? sequence = null, long? trades = null, double? vwap = null, long volume = 1_000) =>
        new(symbol, timeframe, new Bar(time, close - 0.5, close + 1, close - 1, close, volume, trades, vwap), sequence);

    public static StoredBar Minute1(string symbol, int minute, double close, long? sequence = null) =>
        Bar(symbol, Timeframe.Minute1, Minute(minute), close, sequence);

    public static BarRange Range(string symbol, Timeframe timeframe, int fromMinute, int toMinute) =>
        new(symbol, timeframe, Minute(fromMinute), Minute(toMinute));
}
