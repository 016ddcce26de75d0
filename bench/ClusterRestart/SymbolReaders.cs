using System.Net.WebSockets;
using System.Text;

namespace OrleansMarketData.Bench.ClusterRestart;

/// <summary>
/// One WebSocket reader per symbol, as chart pages or bots would hold them; they keep the symbols active. A reader
/// whose socket closes (a restarted gateway) connects again every half second, as the chart page does, and counts
/// the live bars it receives.
/// </summary>
public sealed class SymbolReaders(Uri gateway) : IAsyncDisposable
{
    private static readonly byte[] LiveBar = Encoding.UTF8.GetBytes("\"type\":\"bar\"");
    private readonly List<Reader> _readers = [];
    private readonly CancellationTokenSource _stop = new();

    public int OpenCount => _readers.Count(r => r.Open);

    /// <summary>Readers that have received a live bar since <see cref="ForgetLiveBars"/>.</summary>
    public int WithLiveBar => _readers.Count(r => r.LiveBars > 0);

    public void ForgetLiveBars()
    {
        foreach (var reader in _readers) reader.LiveBars = 0;
    }

    public async Task OpenAsync(IEnumerable<string> symbols)
    {
        foreach (var symbol in symbols)
        {
            var reader = new Reader(new Uri($"ws://{gateway.Authority}/ws/candles/{symbol}?limit=1"));
            await reader.ConnectAsync(_stop.Token);
            reader.Running = reader.ReadAsync(_stop.Token);
            _readers.Add(reader);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers.Select(r => r.Running));
    }

    private sealed class Reader(Uri address)
    {
        private ClientWebSocket _socket = new();
        private volatile int _liveBars;

        public Task Running { get; set; } = Task.CompletedTask;
        public bool Open => _socket.State == WebSocketState.Open;
        public int LiveBars { get => _liveBars; set => _liveBars = value; }

        public async Task ConnectAsync(CancellationToken stop)
        {
            _socket.Dispose();
            _socket = new ClientWebSocket();
            await _socket.ConnectAsync(address, stop);
        }

        public async Task ReadAsync(CancellationToken stop)
        {
            var buffer = new byte[256 * 1024];
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    if (!Open) await ConnectAsync(stop);
                    var received = await _socket.ReceiveAsync(buffer, stop);
                    if (received.MessageType == WebSocketMessageType.Close) continue;
                    if (buffer.AsSpan(0, received.Count).IndexOf(LiveBar) >= 0) _liveBars++;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (WebSocketException)
                {
                    await Task.Delay(500, stop).ContinueWith(_ => { }, TaskScheduler.Default);
                }
            }
            _socket.Dispose();
        }
    }
}
