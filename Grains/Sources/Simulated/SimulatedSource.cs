using Microsoft.Extensions.Logging;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Simulated;

/// <summary>The embedded default source: deterministic bars for <see cref="SymbolUniverse"/>, no network.</summary>
public sealed class SimulatedSource(
    SimulatedMarket market, SimulatedClock clock, IMarketCalendar calendar, TimeProvider time, ILogger<SimulatedSource> logger)
    : IMarketDataSource
{
    public const string Feed = "sim";

    public string FeedName => Feed;

    public bool IsAlpaca => false;

    public IMarketCalendar Calendar => calendar;

    public DateTimeOffset Now => clock.Now;

    public ValueTask<bool> IsKnownSymbolAsync(string symbol, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SymbolUniverse.Find(symbol) is not null);

    public Task<BarHistory> GetBarsAsync(
        string symbol, Timeframe timeframe, int count, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var profile = SymbolUniverse.Find(symbol) ?? throw new ArgumentException($"Unknown symbol {symbol}.", nameof(symbol));
        // Generating years of minutes is CPU work: keep it off the caller's scheduler (a grain's, usually).
        return Task.Run(() =>
        {
            var bars = market.Bars(profile, timeframe, count, asOf);
            return new BarHistory(bars, IsComplete: bars.Count < count);
        }, cancellationToken);
    }

    public ILiveBarFeed OpenLiveFeed() => new SimulatedLiveFeed(market, clock, time, logger);
}
