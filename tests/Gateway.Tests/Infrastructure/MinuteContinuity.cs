using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// The 1-minute bars one <c>/ws/candles</c> socket receives, read across a disturbance and compared with the server's
/// history: every minute the server has from the socket's history on must have been sent once, in order (extended
/// hours have gaps, so the server's history, not the clock, says which minutes exist).
/// </summary>
public sealed class MinuteContinuity
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly GatewayFactory _factory;
    private readonly SocketClient _client;
    private readonly string _symbol;
    private readonly List<DateTimeOffset> _times = [];

    private MinuteContinuity(GatewayFactory factory, SocketClient client, string symbol) =>
        (_factory, _client, _symbol) = (factory, client, symbol);

    /// <summary>The socket's history message, then two live bars.</summary>
    public static async Task<MinuteContinuity> StartAsync(GatewayFactory factory, SocketClient client, string symbol)
    {
        var continuity = new MinuteContinuity(factory, client, symbol);
        continuity._times.AddRange((await client.ReceiveAsync(Wait))!.Value.GetProperty("data").EnumerateArray().Select(Time));
        for (var i = 0; i < 2; i++) await continuity.ReadBarAsync();
        return continuity;
    }

    /// <summary>Reads live bars until one <paramref name="minutes"/> after the newest read so far.</summary>
    public async Task ReadMinutesAsync(int minutes)
    {
        var until = _times[^1].AddMinutes(minutes);
        while (_times[^1] < until) await ReadBarAsync();
    }

    public async Task AssertMatchesServerHistoryAsync()
    {
        using var http = _factory.CreateHttpClient();
        var server = (await http.GetFromJsonAsync<JsonElement>($"/api/symbols/{_symbol}/historical?limit=500"))
            .GetProperty("data").EnumerateArray().Select(Time).Where(t => t >= _times[0] && t <= _times[^1]);
        Assert.Equal(server, _times);
    }

    private async Task ReadBarAsync() =>
        _times.Add(Time(await _client.ReceiveTypeAsync("bar", Wait)
            ?? throw new Xunit.Sdk.XunitException(_times.Count == 0 ? "no live bar" : $"bars stopped after {_times[^1]:O}")));

    private static DateTimeOffset Time(JsonElement bar) => DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!);
}
