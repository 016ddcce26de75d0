using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Simulated;

/// <summary>The embedded default source: deterministic bars for <see cref="SymbolUniverse"/>, no network.</summary>
public sealed class SimulatedSource(
    SimulatedMarket market, SimulatedClock clock, IMarketCalendar calendar, TimeProvider time, ILogger<SimulatedSource> logger,
    IOptions<SimulatorOptions> options)
    : IMarketDataSource
{
    public const string Feed = "sim";

    private readonly int _synthetic = options.Value.SyntheticSymbols;

    public string FeedName => Feed;

    public bool IsAlpaca => false;

    public IMarketCalendar Calendar => calendar;

    public DateTimeOffset Now => clock.Now;

    public IReadOnlyList<string> ListedSymbols { get; } = SymbolUniverse.All.Select(p => p.Symbol).ToArray();

    public ValueTask<bool> IsKnownSymbolAsync(string symbol, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SymbolUniverse.Find(symbol, _synthetic) is not null);

    public Task<BarHistory> GetBarsAsync(
        string symbol, Timeframe timeframe, int count, DateTimeOffset asOf, CancellationToken cancellationToken)
    {
        var profile = SymbolUniverse.Find(symbol, _synthetic) ?? throw new ArgumentException($"Unknown symbol {symbol}.", nameof(symbol));
        // Generating years of minutes is CPU work: keep it off the caller's scheduler (a grain's, usually).
        return Task.Run(() =>
        {
            var bars = market.Bars(profile, timeframe, count, asOf);
            return new BarHistory(bars, IsComplete: bars.Count < count);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<Bar>> GetBarsBetweenAsync(
        string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var profile = SymbolUniverse.Find(symbol, _synthetic) ?? throw new ArgumentException($"Unknown symbol {symbol}.", nameof(symbol));
        // Nothing after the clock: bars as the market has made them so far.
        var until = to < clock.Now ? to : clock.Now;
        return Task.Run(() => market.BarsBetween(profile, timeframe, from, until), cancellationToken);
    }

    public ILiveBarFeed OpenLiveFeed() => new SimulatedLiveFeed(market, clock, time, logger, _synthetic);
}
