using System.Diagnostics;
using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.Hosting;

namespace OrleansMarketData.Gateway.Admission;

/// <summary>
/// The sockets and requests of this gateway waiting for a symbol's history. A herd of reconnects (a gateway restart
/// behind a load balancer) asks for thousands of symbols at once; silos load a bounded number at a time
/// (<c>MarketData:History:MaxConcurrentLoads</c>), so most answer "still loading" for a while. Those readers wait
/// here, asking again, rather than being sent an error; past <see cref="MarketDataGatewayOptions.MaxWaitingForHistory"/>
/// waiting at once, one more is refused at once with a retry hint (docs/operations.md, "Reconnect herds").
/// Thread-safe; one per gateway.
/// </summary>
public sealed partial class HistoryQueue(IOptions<MarketDataGatewayOptions> options, ILogger<HistoryQueue> logger)
{
    /// <summary>The least time between two asks for one reader: a grain answers "loading" after waiting a while itself.</summary>
    private static readonly TimeSpan MinGap = TimeSpan.FromSeconds(1);

    private int _waiting;

    /// <summary>Readers waiting now.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>The retry hint, in whole seconds.</summary>
    public int RetryAfterSeconds => (int)Math.Ceiling(options.Value.RetryAfter.TotalSeconds);

    /// <summary>What a reader refused because too many wait is told.</summary>
    public string FullMessage => $"too many requests are waiting for market data on this gateway; retry in {RetryAfterSeconds} s";

    /// <summary>What a reader whose history did not load within the wait limit is told.</summary>
    public string StillLoadingMessage(string symbol) => $"history of {symbol} is still loading; retry in {RetryAfterSeconds} s";

    /// <summary>A place in the queue, given back when disposed; null when the queue is full.</summary>
    public Place? TryEnter()
    {
        if (Interlocked.Increment(ref _waiting) <= options.Value.MaxWaitingForHistory) return new Place(this);
        Interlocked.Decrement(ref _waiting);
        return null;
    }

    /// <summary>
    /// Calls <paramref name="call"/> until its answer is not <paramref name="loading"/>, within the wait limit. A call
    /// that fails (a cluster busy with the herd times out) is made again too; the last one's failure is thrown. Null
    /// when the answer was still "loading" at the limit.
    /// </summary>
    public async Task<T?> UntilLoadedAsync<T>(string symbol, Func<Task<T>> call, Func<T, bool> loading, CancellationToken cancellationToken)
        where T : class
    {
        var waited = Stopwatch.StartNew();
        var limit = options.Value.HistoryWaitLimit;
        for (var attempt = 1; ; attempt++)
        {
            var started = waited.Elapsed;
            try
            {
                var answer = await call();
                if (!loading(answer)) return answer;
            }
            catch (Exception ex) when (waited.Elapsed + MinGap < limit && !cancellationToken.IsCancellationRequested)
            {
                LogRetrying(logger, ex, symbol, attempt);
            }
            if (waited.Elapsed + MinGap >= limit) return null;
            var pause = MinGap - (waited.Elapsed - started);
            if (pause > TimeSpan.Zero) await Task.Delay(pause, cancellationToken);
        }
    }

    /// <summary>A reader's place in the queue; disposing it more than once gives it back once.</summary>
    public sealed class Place(HistoryQueue queue) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0) Interlocked.Decrement(ref queue._waiting);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Symbol}: asking for its history failed (attempt {Attempt}); asking again")]
    private static partial void LogRetrying(ILogger logger, Exception exception, string symbol, int attempt);
}
