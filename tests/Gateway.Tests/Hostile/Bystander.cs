using System.Net;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Hostile;

/// <summary>
/// A well-behaved candle client reading bars in the background while another client abuses the gateway: the abuse
/// must not cost it its connection or its bars, and the gateway's health must stay 200.
/// </summary>
public sealed class Bystander : IAsyncDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly SocketClient _client;
    private readonly Task _reader;
    private int _bars;

    private Bystander(SocketClient client)
    {
        _client = client;
        _reader = Task.Run(ReadAsync);
    }

    public static async Task<Bystander> StartAsync(GatewayFactory gateway)
    {
        var client = await SocketClient.ConnectAsync(gateway.SocketUri("/ws/candles/MSFT?timeframe=1Min&limit=1"));
        var history = await client.ReceiveAsync(Wait);
        Assert.Equal("historical", history?.GetProperty("type").GetString());
        var bystander = new Bystander(client);
        await bystander.AssertReceivesBarsAsync("before the abuse");
        return bystander;
    }

    /// <summary>Fails unless a new bar arrives (one a second in regular hours) and the socket is still open.</summary>
    public async Task AssertReceivesBarsAsync(string when)
    {
        var seen = Volatile.Read(ref _bars);
        await Eventually.UntilAsync(() => Volatile.Read(ref _bars) > seen || _client.State != System.Net.WebSockets.WebSocketState.Open,
            $"a bar for the bystander {when}");
        Assert.True(Volatile.Read(ref _bars) > seen, $"the bystander received no bar {when}; socket {_client.State} {_client.CloseStatus} {_client.CloseReason}");
    }

    /// <summary>The bystander's bar count and the gateway's health, checked together.</summary>
    public async Task AssertUnaffectedAsync(HttpClient http, string when)
    {
        await AssertReceivesBarsAsync(when);
        using var health = await http.GetAsync("/api/health");
        Assert.True(health.StatusCode == HttpStatusCode.OK, $"/api/health was {(int)health.StatusCode} {when}");
    }

    /// <summary>Reads until the socket closes. A receive's timeout would abort the socket, so it is long.</summary>
    private async Task ReadAsync()
    {
        try
        {
            while (_client.State == System.Net.WebSockets.WebSocketState.Open)
            {
                var message = await _client.ReceiveAsync(TimeSpan.FromMinutes(10));
                if (message?.TryGetProperty("type", out var type) == true && type.GetString() == "bar") Interlocked.Increment(ref _bars);
            }
        }
        catch (System.Net.WebSockets.WebSocketException)
        {
            // Reported by the next check: the state is no longer Open.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _reader.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
