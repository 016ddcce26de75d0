using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>
/// The Alpaca source end to end against the fake upstream. Tests with live bars run in regular hours; those of
/// history alone hold at any market time.
/// </summary>
public sealed class AlpacaSourceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task History_and_live_bars_from_the_upstream_reach_a_socket_client_and_health_says_connected()
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
        await using var client = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri("/ws/candles/AAPL?timeframe=1Min&limit=10"));
        var history = (await client.ReceiveAsync(Wait))!.Value.GetProperty("data").EnumerateArray().ToList();
        var minutes = alpaca.Upstream.Market.MinutesBefore("AAPL", alpaca.Upstream.Market.DefaultCursor, 10);
        Assert.Equal(10, history.Count);
        for (var i = 0; i < 10; i++) AssertSameBar(FakeMarket.Bar("AAPL", minutes[i]), history[i]);

        await alpaca.WaitUntilSubscribedAsync("AAPL");
        var next = alpaca.NextMinute("AAPL", minutes[^1]);
        alpaca.Upstream.Publish("AAPL", next);
        AssertSameBar(FakeMarket.Bar("AAPL", next), (await client.ReceiveTypeAsync("bar", Wait))!.Value);

        var health = await alpaca.Gateway.CreateHttpClient().GetFromJsonAsync<JsonElement>("/api/health");
        Assert.True(health.GetProperty("alpaca_connected").GetBoolean());
        Assert.Equal("iex", health.GetProperty("feed").GetString());
        Assert.Equal("streaming", health.GetProperty("upstream_state").GetString());
        Assert.Contains("AAPL", health.GetProperty("subscribed_symbols").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Bars_missed_while_the_stream_was_down_are_backfilled_in_order_without_duplicates()
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
        // A second connection would be let in, and counted, rather than refused.
        alpaca.Upstream.SessionLimit = 10;
        await using var client = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri("/ws/candles/MSFT?timeframe=1Min&limit=5"));
        await client.ReceiveAsync(Wait);
        await alpaca.WaitUntilSubscribedAsync("MSFT");
        var minutes = new List<DateTimeOffset> { alpaca.NextMinute("MSFT", alpaca.LastHistoryMinute("MSFT")) };
        while (minutes.Count < 6) minutes.Add(alpaca.NextMinute("MSFT", minutes[^1]));
        alpaca.Upstream.Publish("MSFT", minutes[0]);
        Assert.NotNull(await client.ReceiveTypeAsync("bar", Wait));

        // The connection dies and new ones are refused for 3 s while three minutes pass.
        alpaca.Upstream.RefuseStreamUntil = alpaca.Now.AddSeconds(3);
        alpaca.Upstream.DropAllConnections();
        for (var i = 1; i <= 3; i++) alpaca.Upstream.PublishWithoutStreaming("MSFT", minutes[i]);
        await Eventually.UntilAsync(() => !alpaca.Upstream.IsSubscribed("MSFT"), "the dropped session gone");
        await alpaca.WaitUntilSubscribedAsync("MSFT");
        alpaca.Upstream.Publish("MSFT", minutes[4]);

        var received = new List<DateTimeOffset>();
        for (var i = 1; i <= 4; i++)
        {
            var bar = (await client.ReceiveTypeAsync("bar", Wait)) ?? throw new Xunit.Sdk.XunitException($"only {received.Count} bars after the reconnect");
            AssertSameBar(FakeMarket.Bar("MSFT", minutes[i]), bar);
            received.Add(DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!));
        }
        Assert.Equal(minutes[1..5], received);
        // Nothing more came before the next minute: no bar was sent twice.
        alpaca.Upstream.Publish("MSFT", minutes[5]);
        AssertSameBar(FakeMarket.Bar("MSFT", minutes[5]), (await client.ReceiveTypeAsync("bar", Wait))!.Value);
        Assert.Equal(1, alpaca.Upstream.MaxConcurrentSessions);
    }

    [Fact]
    public async Task Wrong_secret_is_reported_and_retried_with_backoff_and_never_leaks()
    {
        const string wrongSecret = "wrong-secret-5b2d8e41f0";
        await using var alpaca = await AlpacaGateway.StartAsync(secret: wrongSecret,
            settings: new Dictionary<string, string?> { ["Alpaca:MaxReconnectDelay"] = "00:00:10" });
        using var http = alpaca.Gateway.CreateHttpClient();
        var answers = new List<string>();

        using var history = await http.GetAsync("/api/symbols/AAPL/historical?limit=5");
        answers.Add(await history.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, history.StatusCode);
        Assert.Contains("auth failed", answers[^1]);

        var health = await Eventually.ValueAsync(async () =>
        {
            var response = await http.GetAsync("/api/health");
            answers.Add(await response.Content.ReadAsStringAsync());
            return JsonDocument.Parse(answers[^1]).RootElement;
        }, h => h.GetProperty("last_error").GetString()?.Contains("auth failed (402)") == true, h => $"health reporting the refused login: {h}");
        Assert.False(health.GetProperty("alpaca_connected").GetBoolean());
        Assert.Equal("auth failed (402)", health.GetProperty("last_error").GetString());

        // A refused login is tried again after min(30 s, Alpaca:MaxReconnectDelay) less 20 % jitter at the least,
        // not after the 1 s of a first ordinary failure.
        await Eventually.UntilAsync(() => alpaca.Upstream.AuthAttempts.Count >= 2, "a second login");
        var attempts = alpaca.Upstream.AuthAttempts.ToArray();
        Assert.All(attempts, a => Assert.Equal(402, a.RefusedWith));
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(8), $"logins at {attempts[0].At:O} and {attempts[1].At:O}");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);
        Assert.DoesNotContain(answers, a => a.Contains(wrongSecret));
        Assert.DoesNotContain(alpaca.Gateway.Logs.Lines, l => l.Contains(wrongSecret));
        Assert.Contains(alpaca.Gateway.Logs.Lines, l => l.Contains("auth failed (402)"));
    }

    [Theory, AnyMarketTime]
    public async Task Fifty_symbols_opened_at_once_all_load_in_a_few_batched_requests_under_the_rate_limit(DateTimeOffset marketTime)
    {
        await using var alpaca = await AlpacaGateway.StartAsync(
            settings: new Dictionary<string, string?> { ["Alpaca:RequestsPerMinute"] = "40" }, marketTime: marketTime);
        alpaca.Upstream.RequestsPerMinute = 40;
        using var http = alpaca.Gateway.CreateHttpClient();
        var symbols = Enumerable.Range(1, 50).Select(i => $"S{i:00}").ToArray();

        // A busy machine may take longer than a request waits for a load: the answer is then a 503 that says to
        // retry shortly, and the clients do. What counts here is the upstream's requests.
        var answers = await Task.WhenAll(symbols.Select(s => Eventually.ValueAsync(async () =>
            {
                using var response = await http.GetAsync($"/api/symbols/{s}/historical?timeframe=1Day&limit=5");
                return (response.StatusCode, Body: await response.Content.ReadAsStringAsync());
            },
            a => !a.Body.Contains("still loading"), a => $"{s} loaded (last: {a.Body})")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        Assert.Equal(0, alpaca.Upstream.RateLimited);
        // Requests are shared across symbols: fewer than one per symbol, where one per symbol and timeframe would be 250.
        Assert.True(alpaca.Upstream.RestRequests.Count < symbols.Length, $"{alpaca.Upstream.RestRequests.Count} REST requests");
    }

    [Fact]
    public async Task Malformed_and_unknown_frames_are_skipped_without_dropping_the_connection()
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
        // A second connection would be let in, and counted, rather than refused.
        alpaca.Upstream.SessionLimit = 10;
        await using var client = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri("/ws/candles/TSLA?timeframe=1Min&limit=1"));
        await client.ReceiveAsync(Wait);
        await alpaca.WaitUntilSubscribedAsync("TSLA");

        alpaca.Upstream.SendRaw("this is not json");
        alpaca.Upstream.SendRaw("""{"T":"b"}""");
        alpaca.Upstream.SendRaw("""[{"T":"zz","S":"TSLA"},{"T":"b","S":"TSLA","o":"x"},{"no":"type"}]""");
        var next = alpaca.NextMinute("TSLA", alpaca.LastHistoryMinute("TSLA"));
        alpaca.Upstream.Publish("TSLA", next);

        AssertSameBar(FakeMarket.Bar("TSLA", next), (await client.ReceiveTypeAsync("bar", Wait))!.Value);
        Assert.Equal(1, alpaca.Upstream.MaxConcurrentSessions);
        Assert.Single(alpaca.Upstream.AuthAttempts);
        Assert.Contains(alpaca.Gateway.Logs.Lines, l => l.Contains("unreadable upstream message (invalid JSON)"));
    }

    [Theory, AnyMarketTime]
    public async Task Intraday_bars_covered_by_the_minute_history_are_built_from_it_without_a_request_of_their_own(DateTimeOffset marketTime)
    {
        // 50 five-minute bars plus warm-up fit in the 1-minute range; 1000 fifteen-minute bars do not.
        await using var alpaca = await AlpacaGateway.StartAsync(settings: new Dictionary<string, string?>
        {
            ["MarketData:History:Minute1"] = "2000",
            ["MarketData:History:Minute5"] = "50",
            ["MarketData:History:Minute15"] = "1000",
        }, marketTime: marketTime);
        using var http = alpaca.Gateway.CreateHttpClient();
        var fiveMinute = await http.GetFromJsonAsync<JsonElement>("/api/symbols/AMZN/historical?timeframe=5Min&limit=50");
        // Loaded when first asked for.
        Assert.DoesNotContain("15Min", alpaca.Upstream.BarRequests);
        await http.GetFromJsonAsync<JsonElement>("/api/symbols/AMZN/historical?timeframe=15Min&limit=50");

        Assert.DoesNotContain("5Min", alpaca.Upstream.BarRequests);
        Assert.Contains("15Min", alpaca.Upstream.BarRequests);
        Assert.Single(alpaca.Upstream.BarRequests, "1Min");
        var bars = fiveMinute.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(50, bars.Count);
        // The newest complete 5-minute bar equals the upstream's own aggregation of the same minutes.
        var bar = bars[^2];
        var time = DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!);
        var upstream = alpaca.Upstream.Market.Bars("AMZN", "5Min", time, time)!.Single();
        AssertSameBar(upstream, bar);
    }

    [Fact]
    public async Task Symbol_limit_refusal_keeps_the_previous_subscriptions_and_the_connection()
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
        alpaca.Upstream.SymbolLimit = 1;
        await using var first = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri("/ws/candles/AAPL?limit=1"));
        await first.ReceiveAsync(Wait);
        await alpaca.WaitUntilSubscribedAsync("AAPL");
        await using var second = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri("/ws/candles/MSFT?limit=1"));
        Assert.Equal("historical", (await second.ReceiveAsync(Wait))!.Value.GetProperty("type").GetString());

        await Eventually.UntilAsync(() => alpaca.Gateway.Logs.Lines.Any(l => l.Contains("symbol limit exceeded (405)")), "the 405 logged");
        Assert.False(alpaca.Upstream.IsSubscribed("MSFT"));
        var next = alpaca.NextMinute("AAPL", alpaca.LastHistoryMinute("AAPL"));
        alpaca.Upstream.Publish("AAPL", next);
        AssertSameBar(FakeMarket.Bar("AAPL", next), (await first.ReceiveTypeAsync("bar", Wait))!.Value);
        Assert.Single(alpaca.Upstream.AuthAttempts);
    }

    [Theory, AnyMarketTime]
    public async Task History_that_ended_days_ago_is_looked_for_further_back_and_served_with_converged_indicators(DateTimeOffset marketTime)
    {
        await using var alpaca = await AlpacaGateway.StartAsync(marketTime: marketTime);
        // The upstream's bars end five days ago, so the calendar's range for the newest 475 minutes holds none of them.
        var cursor = FakeMarket.Minute(alpaca.Now).AddDays(-5);
        alpaca.Upstream.Market.DefaultCursor = cursor;
        var bars = (await alpaca.Gateway.CreateHttpClient().GetFromJsonAsync<JsonElement>("/api/symbols/AAPL/historical?timeframe=1Min&limit=50"))
            .GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(50, bars.Count);
        // The reference is computed over the upstream's 1,000 bars before the cursor.
        var minutes = alpaca.Upstream.Market.MinutesBefore("AAPL", cursor, 1_000).Select(m => FakeMarket.Bar("AAPL", m)).ToArray();
        var (high, low, close) = (minutes.Select(b => b.High).ToArray(), minutes.Select(b => b.Low).ToArray(), minutes.Select(b => b.Close).ToArray());
        var expected = new Dictionary<string, double?[]>
        {
            ["ATR"] = ReferenceIndicators.Atr(high, low, close, 20),
            ["RSI"] = ReferenceIndicators.Rsi(close, 14),
            ["MA160"] = ReferenceIndicators.Sma(close, 160),
        };
        for (var i = 0; i < 50; i++)
        {
            var m = minutes.Length - 50 + i;
            AssertSameBar(minutes[m], bars[i]);
            foreach (var (name, values) in expected)
                Assert.True(Math.Abs(bars[i].GetProperty(name).GetDouble() - values[m]!.Value) <= 1e-6, $"{name} of bar {i}: {bars[i].GetProperty(name)} vs {values[m]}");
        }
    }

    [Theory, AnyMarketTime]
    public async Task Symbol_with_fewer_bars_than_the_warm_up_is_served_from_its_first_bar_with_warm_up_nulls(DateTimeOffset marketTime)
    {
        await using var alpaca = await AlpacaGateway.StartAsync(
            settings: new Dictionary<string, string?> { ["MarketData:History:Minute1"] = "1000" }, marketTime: marketTime);
        // Listed 200 bars ago: fewer bars than the 425 of indicator warm-up, and none older however far back.
        var listed = alpaca.Upstream.Market.MinutesBefore("AAPL", alpaca.Upstream.Market.DefaultCursor, 200)[0];
        alpaca.Upstream.Market.FirstMinute = listed;
        var bars = (await alpaca.Gateway.CreateHttpClient().GetFromJsonAsync<JsonElement>("/api/symbols/AAPL/historical?timeframe=1Min&limit=1000"))
            .GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(200, bars.Count);
        AssertSameBar(FakeMarket.Bar("AAPL", listed), bars[0]);
        AssertSameBar(FakeMarket.Bar("AAPL", alpaca.LastHistoryMinute("AAPL")), bars[^1]);
        Assert.Equal(JsonValueKind.Null, bars[158].GetProperty("MA160").ValueKind);
        Assert.Equal(JsonValueKind.Number, bars[159].GetProperty("MA160").ValueKind);
    }

    [Theory, AnyMarketTime]
    public async Task Symbol_without_any_upstream_history_is_unknown(DateTimeOffset marketTime)
    {
        await using var alpaca = await AlpacaGateway.StartAsync(marketTime: marketTime);
        using var response = await alpaca.Gateway.CreateHttpClient().GetAsync("/api/symbols/ZZTOP/historical");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static void AssertSameBar(FakeBar expected, JsonElement actual)
    {
        Assert.Equal(expected.Time, DateTimeOffset.Parse(actual.GetProperty("timestamp").GetString()!));
        Assert.Equal(expected.Open, actual.GetProperty("open").GetDouble());
        Assert.Equal(expected.High, actual.GetProperty("high").GetDouble());
        Assert.Equal(expected.Low, actual.GetProperty("low").GetDouble());
        Assert.Equal(expected.Close, actual.GetProperty("close").GetDouble());
        Assert.Equal(expected.Volume, actual.GetProperty("volume").GetInt64());
    }
}
