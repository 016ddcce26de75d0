using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// Turns history requests of many symbols for the same timeframe and range, made within a few milliseconds of each
/// other (symbols opened together), into one multi-symbol request, so a burst costs few of the account's requests.
/// </summary>
public sealed class HistoryBatcher(AlpacaRestClient rest, TimeProvider time)
{
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);
    private const int MaxSymbolsPerRequest = 100;
    private readonly Dictionary<(string Timeframe, DateTimeOffset Start, DateTimeOffset End), Batch> _open = [];

    public async Task<List<Bar>> GetBarsAsync(string symbol, string timeframe, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        var key = (timeframe, start, end);
        Batch batch;
        lock (_open)
        {
            if (!_open.TryGetValue(key, out batch!) || batch.Symbols.Count >= MaxSymbolsPerRequest)
            {
                batch = new Batch();
                _open[key] = batch;
                _ = SendAsync(key, batch);
            }
            batch.Symbols.Add(symbol);
        }
        var bars = await batch.Result.Task.WaitAsync(cancellationToken);
        return bars.GetValueOrDefault(symbol) ?? [];
    }

    private async Task SendAsync((string Timeframe, DateTimeOffset Start, DateTimeOffset End) key, Batch batch)
    {
        await Task.Delay(Gather, time);
        string[] symbols;
        lock (_open)
        {
            if (_open.GetValueOrDefault(key) == batch) _open.Remove(key);
            symbols = batch.Symbols.ToArray();
        }
        try
        {
            batch.Result.SetResult(await rest.GetBarsAsync(symbols, key.Timeframe, key.Start, key.End, CancellationToken.None));
        }
        catch (Exception ex)
        {
            batch.Result.SetException(ex);
        }
    }

    private sealed class Batch
    {
        public HashSet<string> Symbols { get; } = new(StringComparer.Ordinal);
        public TaskCompletionSource<Dictionary<string, List<Bar>>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
