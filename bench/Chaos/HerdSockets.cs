using System.Net.WebSockets;
using System.Text;

namespace OrleansMarketData.Bench.Chaos;

/// <summary>
/// Many <c>/ws/candles</c> sockets spread over many symbols, reconnecting half a second after a close: the clients
/// of a gateway that restarts behind the load balancer. Counts the sockets that have received a history since a
/// given moment.
/// </summary>
public sealed class HerdSockets(Uri loadBalancer, string keyId, string secret) : IAsyncDisposable
{
    private static readonly byte[] Historical = Encoding.UTF8.GetBytes("\"type\":\"historical\"");
    private static readonly byte[] Error = Encoding.UTF8.GetBytes("\"type\":\"error\"");
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _running = [];
    private readonly List<long> _lastHistoryTicks = [];
    private readonly List<long> _closedTicks = [];
    private int _errors;

    public int Count => _lastHistoryTicks.Count;

    public int Errors => Volatile.Read(ref _errors);

    public async Task OpenAsync(IReadOnlyList<string> symbols, int sockets)
    {
        for (var i = 0; i < sockets; i++)
        {
            var index = i;
            _lastHistoryTicks.Add(0);
            _closedTicks.Add(0);
            var address = new Uri($"ws://{loadBalancer.Authority}/ws/candles/{symbols[i % symbols.Count]}?timeframe=1Min&limit=5&apiKey={keyId}:{secret}");
            _running.Add(Task.Run(() => RunAsync(address, index, _stop.Token)));
            if (i % 50 == 49) await Task.Delay(100);
        }
    }

    public int WithHistorySince(DateTimeOffset since)
    {
        lock (_lastHistoryTicks) return _lastHistoryTicks.Count(t => t >= since.UtcTicks);
    }

    /// <summary>
    /// Of the sockets closed since <paramref name="since"/>, how many and how many have their history again after their
    /// close; waits up to <paramref name="limit"/> for all of them, and says how long it took.
    /// </summary>
    public async Task<(int Closed, int Served, TimeSpan Took)> ReconnectedAsync(DateTimeOffset since, TimeSpan limit)
    {
        (int, int) Counts()
        {
            lock (_lastHistoryTicks)
            {
                var closed = Enumerable.Range(0, _closedTicks.Count).Where(i => _closedTicks[i] >= since.UtcTicks).ToList();
                return (closed.Count, closed.Count(i => _lastHistoryTicks[i] > _closedTicks[i]));
            }
        }
        var started = DateTimeOffset.UtcNow;
        var (closed, served) = Counts();
        while (DateTimeOffset.UtcNow - started < limit && (closed == 0 || served < closed))
        {
            await Task.Delay(250);
            (closed, served) = Counts();
        }
        return (closed, served, DateTimeOffset.UtcNow - since);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_running);
    }

    private async Task RunAsync(Uri address, int index, CancellationToken stop)
    {
        var buffer = new byte[256 * 1024];
        while (!stop.IsCancellationRequested)
        {
            using var socket = new ClientWebSocket();
            try
            {
                await socket.ConnectAsync(address, stop);
                while (true)
                {
                    var received = await socket.ReceiveAsync(buffer.AsMemory(), stop);
                    if (received.MessageType == WebSocketMessageType.Close) break;
                    var message = buffer.AsSpan(0, received.Count);
                    if (message.IndexOf(Historical) >= 0)
                        lock (_lastHistoryTicks) _lastHistoryTicks[index] = DateTimeOffset.UtcNow.UtcTicks;
                    else if (message.IndexOf(Error) >= 0) Interlocked.Increment(ref _errors);
                }
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or IOException)
            {
            }
            lock (_lastHistoryTicks) _closedTicks[index] = DateTimeOffset.UtcNow.UtcTicks;
            try
            {
                await Task.Delay(500, stop);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }
}
