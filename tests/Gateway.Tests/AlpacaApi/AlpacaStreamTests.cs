using System.Globalization;
using System.Net.WebSockets;
using System.Text.Json;
using MessagePack;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

public sealed class AlpacaStreamTests(AlpacaStreamFixture fixture) : IClassFixture<AlpacaStreamFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Authenticated_client_gets_minute_bars_of_its_symbols_equal_to_the_history(bool msgpack)
    {
        await using var client = await fixture.AuthenticatedAsync(msgpack);
        await client.SendAsync("""{"action":"subscribe","bars":["AAPL","msft"]}""");
        var confirmation = (await client.ReceiveTypeAsync("subscription", Wait))!.Value;
        Assert.Equal(["AAPL", "MSFT"], Symbols(confirmation, "bars"));

        var bars = new Dictionary<string, List<JsonElement>> { ["AAPL"] = [], ["MSFT"] = [] };
        for (var i = 0; i < 100 && bars.Values.Any(b => b.Count < 2); i++)
        {
            var bar = await client.ReceiveTypeAsync("b", Wait) ?? throw new Xunit.Sdk.XunitException("no live bar arrived");
            bars[bar.GetProperty("S").GetString()!].Add(bar);
        }
        foreach (var (symbol, received) in bars)
        {
            Assert.True(received.Count >= 2, $"{symbol}: {received.Count} bars");
            var times = received.Select(Time).ToList();
            Assert.Equal(times.Order().Distinct(), times);
            Assert.All(times, t => Assert.Equal(0, t.Second));
            await AssertEqualToHistoryAsync(symbol, received[^1]);
        }
    }

    [Fact]
    public async Task Msgpack_frames_put_T_first_and_send_timestamps_as_the_timestamp_extension()
    {
        await using var client = await fixture.AuthenticatedAsync(msgpack: true);
        await client.SendAsync("""{"action":"subscribe","bars":["SPY"]}""");
        Assert.NotNull(await client.ReceiveTypeAsync("b", Wait));

        Assert.NotEmpty(client.RawFrames);
        var sawTimestamp = false;
        foreach (var frame in client.RawFrames)
        {
            var reader = new MessagePackReader(frame);
            var items = reader.ReadArrayHeader();
            for (var i = 0; i < items; i++)
            {
                var fields = reader.ReadMapHeader();
                Assert.Equal("T", reader.ReadString());
                reader.Skip();
                for (var f = 1; f < fields; f++)
                {
                    var key = reader.ReadString();
                    if (key == "t")
                    {
                        Assert.Equal(MessagePackType.Extension, reader.NextMessagePackType);
                        var header = reader.ReadExtensionFormatHeader();
                        Assert.Equal(ReservedMessagePackExtensionTypeCode.DateTime, header.TypeCode);
                        // Past the header only the payload is left: n and vw may follow it.
                        reader.ReadRaw(header.Length);
                        sawTimestamp = true;
                    }
                    else reader.Skip();
                }
            }
        }
        Assert.True(sawTimestamp);
    }

    [Fact]
    public async Task Headers_authenticate_without_an_auth_message()
    {
        await using var client = await AlpacaStreamClient.ConnectAsync(fixture.StreamUri(), headers: new Dictionary<string, string>
        {
            ["APCA-API-KEY-ID"] = AlpacaStreamFixture.KeyId,
            ["APCA-API-SECRET-KEY"] = AlpacaStreamFixture.Secret,
        });
        Assert.Equal("connected", (await client.ReceiveAsync(Wait))?.GetProperty("msg").GetString());
        Assert.Equal("authenticated", (await client.ReceiveAsync(Wait))?.GetProperty("msg").GetString());
        await client.SendAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        Assert.NotNull(await client.ReceiveTypeAsync("subscription", Wait));
        await client.SendAsync($$"""{"action":"auth","key":"{{AlpacaStreamFixture.KeyId}}","secret":"{{AlpacaStreamFixture.Secret}}"}""");
        AssertError(await client.ReceiveTypeAsync("error", Wait), 403, "already authenticated");
    }

    [Fact]
    public async Task Wrong_secret_is_402_and_the_connection_is_closed()
    {
        await using var client = await AlpacaStreamClient.ConnectAsync(fixture.StreamUri());
        await client.ReceiveAsync(Wait);
        await client.SendAsync($$"""{"action":"auth","key":"{{AlpacaStreamFixture.KeyId}}","secret":"wrong"}""");
        AssertError(await client.ReceiveAsync(Wait), 402, "auth failed");
        Assert.Null(await client.ReceiveAsync(Wait));
        Assert.NotEqual(WebSocketState.Open, client.State);
        Assert.DoesNotContain(fixture.Factory.Logs.Lines, line => line.Contains(AlpacaStreamFixture.Secret) || line.Contains("wrong"));
    }

    [Fact]
    public async Task Subscribing_before_auth_is_401_and_no_auth_is_404_after_the_timeout()
    {
        await using var client = await AlpacaStreamClient.ConnectAsync(fixture.StreamUri());
        await client.ReceiveAsync(Wait);
        await client.SendAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        AssertError(await client.ReceiveAsync(Wait), 401, "not authenticated");
        // The auth timeout is 6 s in this fixture.
        AssertError(await client.ReceiveAsync(Wait), 404, "auth timeout");
        Assert.Null(await client.ReceiveAsync(Wait));
        Assert.NotEqual(WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task Every_confirmation_carries_the_whole_state_and_every_channel_key()
    {
        await using var client = await fixture.AuthenticatedAsync();
        await client.SendAsync("""{"action":"subscribe","bars":["AAPL"],"trades":[],"quotes":[]}""");
        var first = (await client.ReceiveTypeAsync("subscription", Wait))!.Value;
        await client.SendAsync("""{"action":"subscribe","updatedBars":["MSFT"],"dailyBars":["AAPL"],"statuses":["*"]}""");
        var second = (await client.ReceiveTypeAsync("subscription", Wait))!.Value;
        await client.SendAsync("""{"action":"unsubscribe","bars":["AAPL"]}""");
        var third = (await client.ReceiveTypeAsync("subscription", Wait))!.Value;

        string[] keys = ["trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses", "lulds", "imbalances", "corrections", "cancelErrors"];
        foreach (var confirmation in new[] { first, second, third })
        {
            foreach (var key in keys) Assert.Equal(JsonValueKind.Array, confirmation.GetProperty(key).ValueKind);
        }
        Assert.Equal(["AAPL"], Symbols(first, "bars"));
        Assert.Equal(["AAPL"], Symbols(second, "bars"));
        Assert.Equal(["MSFT"], Symbols(second, "updatedBars"));
        Assert.Equal(["AAPL"], Symbols(second, "dailyBars"));
        Assert.Equal(["*"], Symbols(second, "statuses"));
        Assert.Empty(Symbols(third, "bars"));
        Assert.Equal(["MSFT"], Symbols(third, "updatedBars"));
    }

    [Fact]
    public async Task Refused_requests_get_Alpacas_codes_and_leave_the_state_unchanged()
    {
        await using var client = await fixture.AuthenticatedAsync();
        await client.SendAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        Assert.NotNull(await client.ReceiveTypeAsync("subscription", Wait));

        await client.SendAsync("""{"action":"subscribe","bars":[],"trades":[]}""");
        AssertError(await client.ReceiveTypeAsync("error", Wait), 400, "invalid syntax");
        await client.SendAsync("""{"action":"subscribe","bars":["AAPL$"]}""");
        AssertError(await client.ReceiveTypeAsync("error", Wait), 400, "invalid syntax");
        await client.SendAsync("""{"action":"subscribe","lulds":["AAPL"],"bars":["MSFT"]}""");
        AssertError(await client.ReceiveTypeAsync("error", Wait), 410, "invalid subscribe action for this feed");
        await client.SendAsync("""{"action":"subscribe","bars":["MSFT","GOOGL","AMZN","TSLA"]}""");
        AssertError(await client.ReceiveTypeAsync("error", Wait), 405, "symbol limit exceeded");
        await client.SendAsync("""{"action":"dance"}""");
        AssertError(await client.ReceiveTypeAsync("error", Wait), 400, "invalid syntax");
        await client.SendAsync("""not json""");
        AssertError(await client.ReceiveTypeAsync("error", Wait), 400, "invalid syntax");

        // A symbol unknown to the feed is accepted, as Alpaca accepts it, and sends nothing.
        await client.SendAsync("""{"action":"subscribe","dailyBars":["ZZZZ"]}""");
        var state = (await client.ReceiveTypeAsync("subscription", Wait))!.Value;
        Assert.Equal(["AAPL"], Symbols(state, "bars"));
        Assert.Equal(["ZZZZ"], Symbols(state, "dailyBars"));
        Assert.Empty(Symbols(state, "trades"));
        Assert.Equal(WebSocketState.Open, client.State);
    }

    [Fact]
    public async Task Wildcard_counts_as_every_symbol_it_stands_for_against_the_symbol_limit()
    {
        await using var client = await fixture.AuthenticatedAsync();
        await client.SendAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        Assert.NotNull(await client.ReceiveTypeAsync("subscription", Wait));

        // The simulator lists more symbols than AlpacaStreamFixture.MaxSymbols.
        await client.SendAsync("""{"action":"subscribe","bars":["*"]}""");
        AssertError(await client.ReceiveTypeAsync("error", Wait), 405, "symbol limit exceeded");
        await client.SendAsync("""{"action":"subscribe","dailyBars":["MSFT"]}""");
        var state = (await client.ReceiveTypeAsync("subscription", Wait))!.Value;
        Assert.Equal(["AAPL"], Symbols(state, "bars"));
        Assert.Equal(["MSFT"], Symbols(state, "dailyBars"));
    }

    [Fact]
    public async Task A_fragmented_msgpack_subscribe_is_read_whole()
    {
        await using var client = await fixture.AuthenticatedAsync(msgpack: true);
        var subscribe = MessagePackSerializer.ConvertFromJson("""{"action":"subscribe","bars":["AAPL","MSFT","NVDA"]}""");
        await client.SendFragmentedAsync(subscribe, WebSocketMessageType.Binary, fragment: 7);
        Assert.Equal(["AAPL", "MSFT", "NVDA"], Symbols((await client.ReceiveTypeAsync("subscription", Wait))!.Value, "bars"));
    }

    [Fact]
    public async Task Other_paths_under_v2_are_not_streams()
    {
        // Keys are checked first, as on every Alpaca route; with them, a 404 in Alpaca's shape.
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await fixture.Http.GetAsync("/v2/nasdaq")).StatusCode);
        var response = await fixture.Http.GetAsync($"/v2/nasdaq?apiKey={AlpacaStreamFixture.KeyId}:{AlpacaStreamFixture.Secret}");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        using (var notFound = JsonDocument.Parse(await response.Content.ReadAsStringAsync()))
            Assert.Equal(40410000, notFound.RootElement.GetProperty("code").GetInt32());
        var plain = await fixture.Http.GetAsync("/v2/iex");
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, plain.StatusCode);
        using var body = JsonDocument.Parse(await plain.Content.ReadAsStringAsync());
        Assert.Contains("WebSocket", body.RootElement.GetProperty("message").GetString());
        Assert.Equal(40010000, body.RootElement.GetProperty("code").GetInt32());
    }

    private async Task AssertEqualToHistoryAsync(string symbol, JsonElement bar)
    {
        using var response = await fixture.Http.GetAsync($"/api/symbols/{symbol}/historical?timeframe=1Min&limit=30&apiKey={AlpacaStreamFixture.KeyId}:{AlpacaStreamFixture.Secret}");
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var match = body.RootElement.GetProperty("data").EnumerateArray()
            .Single(h => DateTimeOffset.Parse(h.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture) == Time(bar));
        Assert.Equal(match.GetProperty("open").GetDouble(), bar.GetProperty("o").GetDouble());
        Assert.Equal(match.GetProperty("high").GetDouble(), bar.GetProperty("h").GetDouble());
        Assert.Equal(match.GetProperty("low").GetDouble(), bar.GetProperty("l").GetDouble());
        Assert.Equal(match.GetProperty("close").GetDouble(), bar.GetProperty("c").GetDouble());
        Assert.Equal(match.GetProperty("volume").GetInt64(), bar.GetProperty("v").GetInt64());
    }

    private static DateTimeOffset Time(JsonElement bar) =>
        DateTimeOffset.Parse(bar.GetProperty("t").GetString()!, CultureInfo.InvariantCulture);

    private static string[] Symbols(JsonElement confirmation, string channel) =>
        confirmation.GetProperty(channel).EnumerateArray().Select(s => s.GetString()!).ToArray();

    private static void AssertError(JsonElement? message, int code, string text)
    {
        Assert.NotNull(message);
        Assert.Equal("error", message.Value.GetProperty("T").GetString());
        Assert.Equal(code, message.Value.GetProperty("code").GetInt32());
        Assert.Equal(text, message.Value.GetProperty("msg").GetString());
    }
}
