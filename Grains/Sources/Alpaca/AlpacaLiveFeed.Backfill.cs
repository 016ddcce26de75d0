using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

public sealed partial class AlpacaLiveFeed
{
    private static readonly TimeSpan MaxBackfillRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Fills the open gaps through REST, beside the stream's reader (which must keep reading, or the connection's
    /// pings go unanswered and it dies), for the whole life of the feed: a gap that failed is tried again, 2 s, 4 s,
    /// ... up to 30 s later, until filled.
    /// </summary>
    private async Task BackfillLoopAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (_gaps.Next() is not { } next)
                {
                    await _backfillWanted.Reader.ReadAsync(cancellationToken);
                    continue;
                }
                var to = _time.GetUtcNow();
                // No minute has ended since the last bar: nothing can be missing yet.
                var missed = next.From > to.AddMinutes(-1)
                    ? new Dictionary<string, List<Bar>>()
                    : await _rest.GetBarsAsync(next.Symbols, "1Min", next.From, to, cancellationToken, priority: true);
                var count = _gaps.Fill(next.Symbols, missed);
                failures = 0;
                _backfillError = null;
                if (missed.Count > 0) LogBackfilled(_logger, count, next.Symbols.Length, next.From);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                failures++;
                _backfillError = ex is AlpacaRequestException ? ex.Message : "backfill failed";
                LogBackfillFailed(_logger, ex, _backfillError);
                var delay = TimeSpan.FromSeconds(Math.Min(MaxBackfillRetryDelay.TotalSeconds, Math.Pow(2, Math.Min(failures, 10))));
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        }
    }

    /// <summary>What health shows of open gaps after a failed backfill; null while none failed.</summary>
    private string? BackfillStatus() => _backfillError is { } error && _gaps.Pending is { Symbols: > 0 } pending
        ? $"backfill pending for {pending.Symbols} symbol(s) since {pending.Since:yyyy-MM-dd'T'HH:mm'Z'}: {error}"
        : null;
}
