using System.Globalization;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>A gateway whose symbol limit covers every symbol the simulator lists, so that <c>"*"</c> is within it.</summary>
public sealed class AlpacaWildcardFixture() : GatewayFixture(Settings)
{
    private static readonly Dictionary<string, string?> Settings = new(AlpacaStreamFixture.LightHistory())
    {
        ["ClientAuth:Enabled"] = "true",
        ["ClientAuth:Keys:0:KeyId"] = AlpacaStreamFixture.KeyId,
        ["ClientAuth:Keys:0:Secret"] = AlpacaStreamFixture.Secret,
        ["AlpacaApi:MaxSymbolsPerConnection"] = "100",
    };

    public Task<AlpacaStreamClient> AuthenticatedAsync() =>
        AlpacaStreamClient.AuthenticatedAsync(Factory.SocketUri("/v2/iex"), AlpacaStreamFixture.KeyId, AlpacaStreamFixture.Secret, msgpack: false);
}

public sealed class AlpacaWildcardTests(AlpacaWildcardFixture fixture) : IClassFixture<AlpacaWildcardFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Wildcard_and_daily_bars_deliver_the_feeds_symbols()
    {
        await using var client = await fixture.AuthenticatedAsync();
        await client.SendAsync("""{"action":"subscribe","bars":["*"],"dailyBars":["AAPL"]}""");
        Assert.Equal(["*"], Symbols((await client.ReceiveTypeAsync("subscription", Wait))!.Value, "bars"));

        var symbols = new HashSet<string>();
        var daily = new List<JsonElement>();
        for (var i = 0; i < 400 && (symbols.Count < 10 || daily.Count < 2); i++)
        {
            var message = await client.ReceiveAsync(Wait) ?? throw new Xunit.Sdk.XunitException("the stream went quiet");
            if (message.GetProperty("T").GetString() == "b") symbols.Add(message.GetProperty("S").GetString()!);
            if (message.GetProperty("T").GetString() == "d") daily.Add(message);
        }
        Assert.True(symbols.Count >= 10, $"bars of {symbols.Count} symbols");
        Assert.True(daily.Count >= 2, $"{daily.Count} daily bars");
        Assert.All(daily, d => Assert.Equal("AAPL", d.GetProperty("S").GetString()));
        // A daily bar is stamped at midnight New York time, and grows through the day.
        var newYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTime(Time(daily[^1]), newYork).TimeOfDay);
        Assert.True(daily[^1].GetProperty("v").GetInt64() >= daily[0].GetProperty("v").GetInt64());
    }

    private static DateTimeOffset Time(JsonElement bar) =>
        DateTimeOffset.Parse(bar.GetProperty("t").GetString()!, CultureInfo.InvariantCulture);

    private static string[] Symbols(JsonElement confirmation, string channel) =>
        confirmation.GetProperty(channel).EnumerateArray().Select(s => s.GetString()!).ToArray();
}
