using OrleansMarketData.Calendar;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Bench.Load;

/// <summary>
/// The quotes or trades the simulator emits for a symbol over a window, computed from the simulator's own tape
/// (<see cref="SimulatedMarket.Tape"/>, the same pure function of symbol and minute the gateway's feed releases,
/// Grains/Sources/Simulated/SimulatedTapeFeed.cs): a message is emitted when the simulated clock passes its time, so
/// the window [from, to) of wall time holds those with times in [market time of from, market time of to).
/// </summary>
public sealed class ExpectedTape(SimulatedTimeline timeline, StreamChannel channel, int syntheticSymbols)
{
    private readonly SimulatedMarket _market = new(new NyseCalendar());

    /// <summary>Messages of <paramref name="symbol"/> emitted inside the window; 0 for a symbol the simulator does not know.</summary>
    public long Count(string symbol, DateTimeOffset from, DateTimeOffset to)
    {
        if (SymbolUniverse.Find(symbol, syntheticSymbols) is not { } profile) return 0;
        var start = timeline.MarketTimeAt(from);
        var end = timeline.MarketTimeAt(to);
        var count = 0L;
        for (var minute = Floor(start); minute < end; minute = minute.AddMinutes(1))
        {
            if (_market.Tape(profile, minute) is not { } tape) continue;
            var times = channel == StreamChannel.Quotes ? tape.Quotes.Select(q => q.Time) : tape.Trades.Select(t => t.Time);
            count += times.Count(t => t >= start && t < end);
        }
        return count;
    }

    private static DateTimeOffset Floor(DateTimeOffset t) => new(t.UtcTicks - t.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
}
