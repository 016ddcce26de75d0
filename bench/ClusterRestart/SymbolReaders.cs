using System.Net.WebSockets;

namespace OrleansMarketData.Bench.ClusterRestart;

/// <summary>One WebSocket reader per symbol, as chart pages or bots would hold them; they keep the symbols active.</summary>
public sealed class SymbolReaders(Uri gateway) : IAsyncDisposable
{
    private readonly List<ClientWebSocket> _sockets = [];
    private readonly List<Task> _readers = [];
    private readonly CancellationTokenSource _stop = new();

    public int OpenCount => _sockets.Count(s => s.State == WebSocketState.Open);

    public async Task OpenAsync(IEnumerable<string> symbols)
    {
        foreach (var symbol in symbols)
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(new Uri($"ws://{gateway.Authority}/ws/candles/{symbol}?limit=1"), _stop.Token);
            _sockets.Add(socket);
            _readers.Add(DrainAsync(socket));
        }
    }

    private async Task DrainAsync(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (socket.State == WebSocketState.Open && (await socket.ReceiveAsync(buffer, _stop.Token)).MessageType != WebSocketMessageType.Close)
            {
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_readers);
        foreach (var socket in _sockets) socket.Dispose();
    }
}
