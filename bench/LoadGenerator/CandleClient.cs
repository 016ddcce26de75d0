using System.Net.WebSockets;
using System.Text.Json;

namespace OrleansMarketData.Bench.Load;

/// <summary>
/// One subscriber on <c>/ws/candles/{symbol}</c>: the first message is the history, then one JSON message per live
/// bar, stamped with the start of its minute in <c>timestamp</c>.
/// </summary>
public sealed class CandleClient(string symbol, LoadRun run) : LoadClient(symbol, run)
{
    public bool GotHistory { get; private set; }

    public override async Task ConnectAsync(Uri baseUrl, LoadOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var socket = new ClientWebSocket();
            Socket = socket;
            socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await socket.ConnectAsync(
                new Uri(baseUrl, $"/ws/candles/{Symbol}?timeframe={options.Timeframe}&limit={options.Limit}{options.KeyQuery}"), cancellationToken);
            Connected = true;
            ConnectedAt = DateTimeOffset.UtcNow;
        }
        catch (Exception ex)
        {
            ConnectError = ex.GetBaseException().Message;
        }
    }

    protected override void OnMessage(ReadOnlyMemory<byte> message, WebSocketMessageType type, DateTimeOffset received)
    {
        var reader = new Utf8JsonReader(message.Span);
        string? kind = null;
        DateTimeOffset? timestamp = null;
        // Top-level properties only: the historical message nests its bars in "data".
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                kind = reader.GetString();
            }
            else if (reader.ValueTextEquals("timestamp"u8))
            {
                reader.Read();
                timestamp = reader.GetDateTimeOffset();
            }
            else
            {
                reader.Read();
                reader.TrySkip();
            }
        }

        if (kind == "historical") GotHistory = true;
        if (kind == "bar" && timestamp is { } bar) RecordBar(bar, received);
    }
}
