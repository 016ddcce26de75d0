using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

public sealed class AlpacaSourceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task History_and_live_bars_from_the_upstream_reach_a_socket_client_and_health_says_connected()
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
        await using var client = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri("/ws/candles/AAPL?timeframe=1Min&limit=10"));
        var history = (await client.ReceiveAsync(Wait))!.Value.GetProperty("data").EnumerateArray().ToList();
        Assert.Equal(10, history.Count);
        for (var i = 0; i < 10; i++) AssertSameBar(FakeMarket.Bar("AAPL", alpaca.LastHistoryMinute.AddMinutes(i - 9)), history[i]);

        await alpaca.WaitUntilSubscribedAsync("AAPL");
        var next = alpaca.LastHistoryMinute.AddMinutes(1);
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
        await using var client = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri("/ws/candles/MSFT?timeframe=1Min&limit=5"));
        await client.ReceiveAsync(Wait);
        await alpaca.WaitUntilSubscribedAsync("MSFT");
        var first = alpaca.LastHistoryMinute.AddMinutes(1);
        alpaca.Upstream.Publish("MSFT", first);
        Assert.NotNull(await client.ReceiveTypeAsync("bar", Wait));

        // The connection dies and new ones are refused for 3 s while three minutes pass.
        alpaca.Upstream.RefuseStreamUntil = DateTimeOffset.UtcNow.AddSeconds(3);
        alpaca.Upstream.DropAllConnections();
        for (var i = 1; i <= 3; i++) alpaca.Upstream.PublishWithoutStreaming("MSFT", first.AddMinutes(i));
        await Task.Delay(500);
        await alpaca.WaitUntilSubscribedAsync("MSFT");
        alpaca.Upstream.Publish("MSFT", first.AddMinutes(4));

        var received = new List<DateTimeOffset>();
        for (var i = 1; i <= 4; i++)
        {
            var bar = (await client.ReceiveTypeAsync("bar", Wait)) ?? throw new Xunit.Sdk.XunitException($"only {received.Count} bars after the reconnect");
            AssertSameBar(FakeMarket.Bar("MSFT", first.AddMinutes(i)), bar);
            received.Add(DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!));
        }
        Assert.Equal(Enumerable.Range(1, 4).Select(i => first.AddMinutes(i)), received);
        Assert.Null(await client.ReceiveTypeAsync("bar", TimeSpan.FromSeconds(1)));
        Assert.Equal(1, alpaca.Upstream.MaxConcurrentSessions);
    }

    [Fact]
    public async Task Wrong_secret_is_reported_and_retried_with_backoff_and_never_leaks()
    {
        const string wrongSecret = "wrong-secret-5b2d8e41f0";
        await using var alpaca = await AlpacaGateway.StartAsync(secret: wrongSecret,
            settings: new Dictionary<string, string?> { ["Alpaca:MaxReconnectDelay"] = "00:01:00" });
        using var http = alpaca.Gateway.CreateHttpClient();
        var answers = new List<string>();

        using var history = await http.GetAsync("/api/symbols/AAPL/historical?limit=5");
        answers.Add(await history.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, history.StatusCode);
        Assert.Contains("auth failed", answers[^1]);

        var started = DateTimeOffset.UtcNow;
        JsonElement health = default;
        for (var i = 0; i < 100; i++)
        {
            var response = await http.GetAsync("/api/health");
            answers.Add(await response.Content.ReadAsStringAsync());
            health = JsonDocument.Parse(answers[^1]).RootElement;
            if (health.GetProperty("last_error").GetString()?.Contains("auth failed (402)") == true) break;
            await Task.Delay(200);
        }
        Assert.False(health.GetProperty("alpaca_connected").GetBoolean());
        Assert.Equal("auth failed (402)", health.GetProperty("last_error").GetString());

        await Task.Delay(TimeSpan.FromSeconds(5));
        // After an auth failure the feed waits at least 30 s before it tries again.
        Assert.True(alpaca.Upstream.AuthAttempts.Count <= 2, $"{alpaca.Upstream.AuthAttempts.Count} auth attempts in {DateTimeOffset.UtcNow - started}");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);
        Assert.DoesNotContain(answers, a => a.Contains(wrongSecret));
        Assert.DoesNotContain(alpaca.Gateway.Logs.Lines, l => l.Contains(wrongSecret));
        Assert.Contains(alpaca.Gateway.Logs.Lines, l => l.Contains("auth failed (402)"));
    }

    [Fact]
    public async Task Fifty_symbols_opened_at_once_all_load_in_a_few_batched_requests_under_the_rate_limit()
    {
        await using var alpaca = await AlpacaGateway.StartAsync(settings: new Dictionary<string, string?> { ["Alpaca:RequestsPerMinute"] = "40" });
        alpaca.Upstream.RequestsPerMinute = 40;
        using var http = alpaca.Gateway.CreateHttpClient();
        var symbols = Enumerable.Range(1, 50).Select(i => $"S{i:00}").ToArray();

        var responses = await Task.WhenAll(symbols.Select(s => http.GetAsync($"/api/symbols/{s}/historical?timeframe=1Day&limit=5")));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Equal(0, alpaca.Upstream.RateLimited);
        // Requests are shared across symbols: fewer than one per symbol, where one per symbol and timeframe would be 250.
        Assert.True(alpaca.Upstream.RestRequests.Count < symbols.Length, $"{alpaca.Upstream.RestRequests.Count} REST requests");
    }

    [Fact]
    public async Task Malformed_and_unknown_frames_are_skipped_without_dropping_the_connection()
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
        await using var client = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri("/ws/candles/TSLA?timeframe=1Min&limit=1"));
        await client.ReceiveAsync(Wait);
        await alpaca.WaitUntilSubscribedAsync("TSLA");

        alpaca.Upstream.SendRaw("this is not json");
        alpaca.Upstream.SendRaw("""{"T":"b"}""");
        alpaca.Upstream.SendRaw("""[{"T":"zz","S":"TSLA"},{"T":"b","S":"TSLA","o":"x"},{"no":"type"}]""");
        var next = alpaca.LastHistoryMinute.AddMinutes(1);
        alpaca.Upstream.Publish("TSLA", next);

        AssertSameBar(FakeMarket.Bar("TSLA", next), (await client.ReceiveTypeAsync("bar", Wait))!.Value);
        Assert.Equal(1, alpaca.Upstream.MaxConcurrentSessions);
        Assert.Single(alpaca.Upstream.AuthAttempts);
        Assert.Contains(alpaca.Gateway.Logs.Lines, l => l.Contains("unreadable upstream message (invalid JSON)"));
    }

    [Fact]
    public async Task Intraday_bars_covered_by_the_minute_history_are_built_from_it_without_a_request_of_their_own()
    {
        // 50 five-minute bars plus warm-up fit in the 1-minute range; 1000 fifteen-minute bars do not.
        await using var alpaca = await AlpacaGateway.StartAsync(settings: new Dictionary<string, string?>
        {
            ["MarketData:History:Minute1"] = "2000",
            ["MarketData:History:Minute5"] = "50",
            ["MarketData:History:Minute15"] = "1000",
        });
        using var http = alpaca.Gateway.CreateHttpClient();
        var fiveMinute = await http.GetFromJsonAsync<JsonElement>("/api/symbols/AMZN/historical?timeframe=5Min&limit=50");

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

        for (var i = 0; i < 100 && !alpaca.Gateway.Logs.Lines.Any(l => l.Contains("symbol limit exceeded (405)")); i++) await Task.Delay(100);
        Assert.Contains(alpaca.Gateway.Logs.Lines, l => l.Contains("symbol limit exceeded (405)"));
        Assert.False(alpaca.Upstream.IsSubscribed("MSFT"));
        var next = alpaca.LastHistoryMinute.AddMinutes(1);
        alpaca.Upstream.Publish("AAPL", next);
        AssertSameBar(FakeMarket.Bar("AAPL", next), (await first.ReceiveTypeAsync("bar", Wait))!.Value);
        Assert.Single(alpaca.Upstream.AuthAttempts);
    }

    [Fact]
    public async Task History_that_ended_days_ago_is_looked_for_further_back_and_served_with_converged_indicators()
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
        // The upstream's bars end five days ago, so the calendar's range for the newest 475 minutes holds none of them.
        var cursor = FakeMarket.Minute(DateTimeOffset.UtcNow).AddDays(-5);
        alpaca.Upstream.Market.DefaultCursor = cursor;
        var bars = (await alpaca.Gateway.CreateHttpClient().GetFromJsonAsync<JsonElement>("/api/symbols/AAPL/historical?timeframe=1Min&limit=50"))
            .GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(50, bars.Count);
        // The fake has a bar for every minute: the reference is computed over the 1,000 before the cursor.
        var minutes = Enumerable.Range(0, 1_000).Select(i => FakeMarket.Bar("AAPL", cursor.AddMinutes(i - 1_000))).ToArray();
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

    [Fact]
    public async Task Symbol_with_fewer_bars_than_the_warm_up_is_served_from_its_first_bar_with_warm_up_nulls()
    {
        await using var alpaca = await AlpacaGateway.StartAsync(settings: new Dictionary<string, string?> { ["MarketData:History:Minute1"] = "1000" });
        // Listed 200 minutes ago: fewer bars than the 425 of indicator warm-up, and none older however far back.
        alpaca.Upstream.Market.FirstMinute = alpaca.Upstream.Market.DefaultCursor.AddMinutes(-200);
        var bars = (await alpaca.Gateway.CreateHttpClient().GetFromJsonAsync<JsonElement>("/api/symbols/AAPL/historical?timeframe=1Min&limit=1000"))
            .GetProperty("data").EnumerateArray().ToList();

        Assert.Equal(200, bars.Count);
        AssertSameBar(FakeMarket.Bar("AAPL", alpaca.Upstream.Market.FirstMinute.Value), bars[0]);
        AssertSameBar(FakeMarket.Bar("AAPL", alpaca.LastHistoryMinute), bars[^1]);
        Assert.Equal(JsonValueKind.Null, bars[158].GetProperty("MA160").ValueKind);
        Assert.Equal(JsonValueKind.Number, bars[159].GetProperty("MA160").ValueKind);
    }

    [Fact]
    public async Task Symbol_without_any_upstream_history_is_unknown()
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
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
