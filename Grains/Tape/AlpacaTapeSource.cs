using System.Collections.Concurrent;
using OrleansMarketData.Model;
using OrleansMarketData.Sources;
using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Tape;

/// <summary>
/// Alpaca's trades and quotes, passed through: a history page is one upstream request for the same page (its token is
/// Alpaca's), the latest are one request for the symbols not asked about in the last <see cref="Fresh"/>, so that a
/// bot polling the latest quote every second spends the account's request budget once every few seconds, not each time.
/// </summary>
public sealed class AlpacaTapeSource(AlpacaRestClient rest, TimeProvider time) : ITapeSource
{
    /// <summary>How long a latest trade or quote is served without asking Alpaca again.</summary>
    public static readonly TimeSpan Fresh = TimeSpan.FromSeconds(3);

    /// <summary>The most latest values kept; past it, the cache starts over (a symbol costs one request more then).</summary>
    private const int MaxCached = 50_000;

    private readonly ConcurrentDictionary<(TapeKind Kind, string Symbol), (object Value, DateTimeOffset At)> _latest = new();

    public async Task<TapePage> ReadAsync(TapeQuery query, CancellationToken cancellationToken)
    {
        try
        {
            return await rest.GetTapePageAsync(query, cancellationToken);
        }
        catch (AlpacaRequestException ex) when (ex.Status is 400 or 404 or 422)
        {
            // The upstream refused the request itself (a bad page token above all): the client's to fix, not to retry.
            return TapePage.Refused($"the upstream refused the request: {SourceErrors.Describe(ex)}", ex.Status.Value);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return TapePage.Unavailable($"trades and quotes could not be read from the upstream: {SourceErrors.Describe(ex)}");
        }
    }

    public async Task<LatestTape> LatestAsync(IReadOnlyList<string> symbols, bool trades, bool quotes, CancellationToken cancellationToken)
    {
        try
        {
            var latestTrades = trades ? await LatestAsync<Trade>(TapeKind.Trades, symbols, cancellationToken) : [];
            var latestQuotes = quotes ? await LatestAsync<Quote>(TapeKind.Quotes, symbols, cancellationToken) : [];
            return new LatestTape(TapeState.Ready, latestTrades, latestQuotes);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new LatestTape(TapeState.Unavailable, new Dictionary<string, Trade>(), new Dictionary<string, Quote>(),
                $"the latest trades and quotes could not be read from the upstream: {SourceErrors.Describe(ex)}");
        }
    }

    private async Task<Dictionary<string, T>> LatestAsync<T>(TapeKind kind, IReadOnlyList<string> symbols, CancellationToken cancellationToken)
        where T : class
    {
        var now = time.GetUtcNow();
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        var stale = new List<string>();
        foreach (var symbol in symbols)
        {
            if (_latest.TryGetValue((kind, symbol), out var cached) && now - cached.At < Fresh) result[symbol] = (T)cached.Value;
            else stale.Add(symbol);
        }
        if (stale.Count == 0) return result;
        var fetched = await rest.GetLatestTapeAsync<T>(kind, stale, cancellationToken);
        if (_latest.Count > MaxCached) _latest.Clear();
        foreach (var (symbol, value) in fetched)
        {
            _latest[(kind, symbol)] = (value, now);
            result[symbol] = value;
        }
        return result;
    }
}
