using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Trades;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Snapshots;

/// <summary>
/// Builds snapshots from what the cluster already serves: the latest trade and quote from the trades and quotes
/// reader (the /v2 latest routes' answer), the minute bar from the symbol grain's newest minute (the
/// /v2 bars/latest answer), and the daily bar and the one before from its newest two daily candles (the /v2 1Day bars).
/// </summary>
public static class SnapshotReader
{
    /// <summary>Snapshots of the symbols, in their order; symbols their grains call unknown are left out.</summary>
    public static async Task<IReadOnlyList<KeyValuePair<string, SymbolSnapshot>>> ReadAsync(IClusterClient client, IReadOnlyList<string> symbols)
    {
        if (symbols.Count == 0) return [];
        var tape = TapeReader.LatestAsync(client, symbols, trades: true, quotes: true);
        var bars = Task.WhenAll(symbols.Select(s => BarsAsync(client.GetGrain<ISymbolGrain>(s))));
        await Task.WhenAll(tape, bars);
        var latest = await tape;
        var result = new List<KeyValuePair<string, SymbolSnapshot>>();
        foreach (var (symbol, (known, minute, daily, previous)) in symbols.Zip(await bars))
        {
            if (!known) continue;
            result.Add(new(symbol, new SymbolSnapshot(
                latest.Trades.GetValueOrDefault(symbol), latest.Quotes.GetValueOrDefault(symbol), minute, daily, previous)));
        }
        return result;
    }

    private static async Task<(bool Known, Bar? Minute, Bar? Daily, Bar? Previous)> BarsAsync(ISymbolGrain grain)
    {
        var minute = grain.GetLatest().AsTask();
        var days = grain.GetHistory(Timeframe.Day1, 2).AsTask();
        await Task.WhenAll(minute, days);
        var (latest, history) = (await minute, await days);
        if (latest.State == SymbolState.UnknownSymbol || history.State == SymbolState.UnknownSymbol) return (false, null, null, null);
        if (latest.State != SymbolState.Ready) throw AlpacaRequestRefused.Unavailable(latest.Error);
        if (history.State != SymbolState.Ready) throw AlpacaRequestRefused.Unavailable(history.Error);
        var candles = history.Candles;
        return (true, latest.Bar, candles.Count > 0 ? candles[^1].Bar : null, candles.Count > 1 ? candles[^2].Bar : null);
    }
}
