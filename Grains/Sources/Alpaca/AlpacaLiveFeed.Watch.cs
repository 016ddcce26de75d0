using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

public sealed partial class AlpacaLiveFeed
{
    /// <summary>
    /// Sends subscription deltas when symbols change, and ends the session when the stream has been silent too
    /// long during market hours (a socket can stay open while nothing flows).
    /// </summary>
    private async Task WatchAsync(AlpacaStreamConnection session, CancellationToken cancellationToken)
    {
        var check = TimeSpan.FromSeconds(Math.Min(5, _options.StaleStreamTimeout.TotalSeconds / 2));
        while (!cancellationToken.IsCancellationRequested)
        {
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(check);
            try
            {
                await _changed.Reader.ReadAsync(wait.Token);
                var (add, remove) = _subscriptions.Delta();
                if (add.Count > 0) await session.SubscribeAsync(add, cancellationToken);
                if (remove.Count > 0) await session.UnsubscribeAsync(remove, cancellationToken);
                await SendTapeDeltaAsync(session, cancellationToken);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
            }
            if (IsStale())
            {
                _staleReason = $"stream silent for {_options.StaleStreamTimeout.TotalSeconds:0} s during market hours";
                await session.DisposeAsync();
                return;
            }
        }
    }

    private bool IsStale()
    {
        var now = _time.GetUtcNow();
        return LastMessageTime is { } last && now - last > _options.StaleStreamTimeout
            && (_subscriptions.Wanted().Count > 0 || TapeWanted) && _calendar.Classify(now, Timeframe.Minute1) != MarketStatus.Closed;
    }
}
