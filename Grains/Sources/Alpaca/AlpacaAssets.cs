using Microsoft.Extensions.Logging;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// The symbols Alpaca lists (its trading API's active US-equity assets), held by each silo so that a symbol it does
/// not list is refused without a symbol grain or an upstream history request for it. Fetched in the background
/// through the cluster's request budget when first needed, then again once a day. Until a list has arrived, and
/// while fetching fails, the answer is "maybe" (the symbol's history decides, as without a list): a missing list
/// never makes a symbol unknown. Thread-safe; one per silo.
/// </summary>
public sealed partial class AlpacaAssets(TimeProvider time, ILogger<AlpacaAssets> logger)
{
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(24);

    /// <summary>A failed fetch is tried again after this long, not at every question meanwhile.</summary>
    public static readonly TimeSpan RetryAfterFailure = TimeSpan.FromMinutes(10);

    private volatile Listed? _listed;
    private int _fetching;
    private long _notBefore;

    /// <summary>Whether the list names <paramref name="symbol"/>; null while there is no list.</summary>
    public bool? Lists(string symbol) => _listed?.Symbols.Contains(symbol);

    public SymbolListing? Listing => _listed is { } listed ? new SymbolListing(listed.Symbols.Count, listed.At) : null;

    /// <summary>
    /// Starts a fetch when there is no list or it is a day old, unless one is under way or the last failed less than
    /// <see cref="RetryAfterFailure"/> ago. Returns at once: a caller never waits for the list.
    /// </summary>
    public void Refresh(AlpacaRestClient rest)
    {
        var now = time.GetUtcNow();
        if (_listed is { } listed && now - listed.At < RefreshEvery) return;
        if (now.UtcTicks < Interlocked.Read(ref _notBefore)) return;
        if (Interlocked.CompareExchange(ref _fetching, 1, 0) != 0) return;
        // Off the caller's turn: a grain asking must neither wait for the list nor have it fetched on its scheduler.
        _ = Task.Run(() => FetchAsync(rest));
    }

    private async Task FetchAsync(AlpacaRestClient rest)
    {
        try
        {
            var symbols = await rest.GetActiveSymbolsAsync(CancellationToken.None);
            // An account lists thousands; an empty list is a fault upstream, and believing it would refuse every symbol.
            if (symbols.Count == 0) throw new AlpacaRequestException("Alpaca REST /v2/assets: the asset list was empty");
            var at = time.GetUtcNow();
            _listed = new Listed(symbols, at);
            LogFetched(logger, symbols.Count, at);
        }
        catch (Exception ex)
        {
            Interlocked.Exchange(ref _notBefore, (time.GetUtcNow() + RetryAfterFailure).UtcTicks);
            if (ex is AlpacaRequestException) LogFailed(logger, ex.Message, _listed is not null);
            else LogFailedUnexpectedly(logger, ex, _listed is not null);
        }
        finally
        {
            Volatile.Write(ref _fetching, 0);
        }
    }

    private sealed record Listed(HashSet<string> Symbols, DateTimeOffset At);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alpaca asset list: {Count} active symbols, fetched at {At:O}")]
    private static partial void LogFetched(ILogger logger, int count, DateTimeOffset at);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Alpaca asset list could not be fetched ({Reason}); keeping the previous one: {HasPrevious}. Without one, symbols are decided by their history")]
    private static partial void LogFailed(ILogger logger, string reason, bool hasPrevious);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Alpaca asset list could not be fetched; keeping the previous one: {HasPrevious}. Without one, symbols are decided by their history")]
    private static partial void LogFailedUnexpectedly(ILogger logger, Exception exception, bool hasPrevious);
}
