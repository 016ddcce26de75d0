using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OrleansMarketData.FakeAlpaca;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>
/// What Alpaca does that its clients must bear, played by the fake upstream against a gateway: rate limits with a
/// reset time, a dropped session held for a while, a stream gone quiet while connected, corrected bars, minutes
/// without trades, and a calendar with closings the built-in rules do not know.
/// </summary>
public sealed class AlpacaUpstreamTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Rate_limited_requests_wait_until_the_upstreams_reset_time_and_then_complete()
    {
        // The gateway's own budget would allow far more: the upstream's limit is what it runs into.
        await using var alpaca = await AlpacaGateway.StartAsync(
            settings: new Dictionary<string, string?> { ["Alpaca:RequestsPerMinute"] = "1000" },
            upstreamSetUp: upstream => (upstream.RequestsPerMinute, upstream.RateLimitWindow) = (3, TimeSpan.FromSeconds(4)));
        using var http = alpaca.Gateway.CreateHttpClient();

        // Every timeframe of each symbol: a timeframe loads when first asked for, and one each would stay under the limit.
        var responses = await Task.WhenAll(
            from s in new[] { "AAPL", "MSFT", "TSLA", "NVDA" }
            from timeframe in new[] { "1Min", "5Min", "15Min", "1Hour", "1Day" }
            select http.GetAsync($"/api/symbols/{s}/historical?timeframe={timeframe}&limit=5"));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var refusals = alpaca.Upstream.RateLimitedAnswers.ToArray();
        Assert.NotEmpty(refusals);
        // After a 429 nothing more is sent before its reset time; only requests already on their way may arrive,
        // and timers fire to the millisecond.
        var requests = alpaca.Upstream.RestRequests.ToArray();
        foreach (var (at, reset) in refusals)
        {
            var early = requests.Where(t => t > at.AddMilliseconds(500) && t < reset.AddMilliseconds(-20)).ToList();
            Assert.True(early.Count == 0, $"429 at {at:O} said reset at {reset:O}, and requests came at {string.Join(", ", early.Select(t => t.ToString("O")))}");
        }
    }

    [Fact]
    public async Task Login_refused_while_a_dropped_session_is_held_is_retried_after_the_406_backoff_and_no_bar_is_lost()
    {
        await using var alpaca = await AlpacaGateway.StartAsync(
            settings: new Dictionary<string, string?> { ["Alpaca:MaxReconnectDelay"] = "00:00:10" },
            upstreamSetUp: upstream => upstream.DroppedSessionHold = TimeSpan.FromSeconds(3));
        await using var client = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri("/ws/candles/AAPL?limit=1"));
        await client.ReceiveAsync(Wait);
        await alpaca.WaitUntilSubscribedAsync("AAPL");
        var minutes = Minutes(alpaca, "AAPL", 4);
        alpaca.Upstream.Publish("AAPL", minutes[0]);
        Assert.NotNull(await client.ReceiveTypeAsync("bar", Wait));

        // The network drops the session; the upstream holds it for 3 s and refuses logins meanwhile.
        alpaca.Upstream.DropAllConnections();
        alpaca.Upstream.PublishWithoutStreaming("AAPL", minutes[1]);
        alpaca.Upstream.PublishWithoutStreaming("AAPL", minutes[2]);
        await Eventually.UntilAsync(() => alpaca.Upstream.AuthAttempts.Count(a => a.RefusedWith is null) == 2, "a login accepted after the drop");
        await alpaca.WaitUntilSubscribedAsync("AAPL");
        alpaca.Upstream.Publish("AAPL", minutes[3]);

        var attempts = alpaca.Upstream.AuthAttempts.ToArray();
        var refused = Assert.Single(attempts, a => a.RefusedWith is not null);
        Assert.Equal(406, refused.RefusedWith);
        // min(15 s, Alpaca:MaxReconnectDelay) less 20 % jitter, where a first ordinary failure waits about 1 s.
        var accepted = attempts.Last(a => a.RefusedWith is null);
        Assert.True(accepted.At - refused.At >= TimeSpan.FromSeconds(8), $"refused at {refused.At:O}, accepted at {accepted.At:O}");
        for (var i = 1; i <= 3; i++)
            Assert.Equal(minutes[i], Time(await client.ReceiveTypeAsync("bar", Wait) ?? throw new Xunit.Sdk.XunitException($"minute {i} never came")));
    }

    [Fact]
    public async Task Stream_gone_quiet_while_connected_is_replaced_in_market_hours_and_its_missed_bars_are_backfilled()
    {
        await using var alpaca = await AlpacaGateway.StartAsync(settings: new Dictionary<string, string?> { ["Alpaca:StaleStreamTimeout"] = "00:00:05" });
        await using var client = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri("/ws/candles/MSFT?limit=1"));
        await client.ReceiveAsync(Wait);
        await alpaca.WaitUntilSubscribedAsync("MSFT");
        var minutes = Minutes(alpaca, "MSFT", 3);
        alpaca.Upstream.Publish("MSFT", minutes[0]);
        Assert.NotNull(await client.ReceiveTypeAsync("bar", Wait));

        // Connected, answering pings, and sending nothing: not even the next bar.
        alpaca.Upstream.SilenceOpenSessions();
        alpaca.Upstream.Publish("MSFT", minutes[1]);
        await Eventually.UntilAsync(() => alpaca.Upstream.AuthAttempts.Count == 2, "a second login after the silence");
        await Eventually.UntilAsync(() => alpaca.Gateway.Logs.Lines.Any(l => l.Contains("stream silent for 5 s during market hours")), "the silence logged");
        await alpaca.WaitUntilSubscribedAsync("MSFT");
        alpaca.Upstream.Publish("MSFT", minutes[2]);

        Assert.Equal(minutes[1], Time(await client.ReceiveTypeAsync("bar", Wait) ?? throw new Xunit.Sdk.XunitException("the silenced minute never came")));
        Assert.Equal(minutes[2], Time(await client.ReceiveTypeAsync("bar", Wait) ?? throw new Xunit.Sdk.XunitException("no live bar after the reconnect")));
    }

    [Fact]
    public async Task Corrected_bar_replaces_the_minute_on_sockets_and_in_the_history()
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
        await using var minuteClient = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri("/ws/candles/TSLA?timeframe=1Min&limit=1"));
        await using var hourClient = await SocketClient.ConnectAsync(alpaca.Gateway.SocketUri("/ws/candles/TSLA?timeframe=1Hour&limit=1"));
        await minuteClient.ReceiveAsync(Wait);
        await hourClient.ReceiveAsync(Wait);
        await alpaca.WaitUntilSubscribedAsync("TSLA");
        var minute = Minutes(alpaca, "TSLA", 1)[0];
        alpaca.Upstream.Publish("TSLA", minute);
        var first = (await minuteClient.ReceiveTypeAsync("bar", Wait))!.Value;
        var hourBefore = (await hourClient.ReceiveTypeAsync("bar", Wait))!.Value;

        // Late trades of that minute: Alpaca sends the whole bar again as "u".
        var original = FakeMarket.Bar("TSLA", minute);
        var corrected = original with { High = original.High + 1, Close = original.High + 0.5, Volume = original.Volume + 700 };
        alpaca.Upstream.Correct(corrected);

        var revised = (await minuteClient.ReceiveTypeAsync("bar", Wait))!.Value;
        Assert.Equal(Time(first), Time(revised));
        Assert.Equal(corrected.Close, revised.GetProperty("close").GetDouble());
        Assert.Equal(corrected.High, revised.GetProperty("high").GetDouble());
        Assert.Equal(corrected.Volume, revised.GetProperty("volume").GetInt64());
        var hour = (await hourClient.ReceiveTypeAsync("bar", Wait))!.Value;
        Assert.Equal(Time(hourBefore), Time(hour));
        Assert.Equal(corrected.Close, hour.GetProperty("close").GetDouble());
        Assert.Equal(hourBefore.GetProperty("volume").GetInt64() + 700, hour.GetProperty("volume").GetInt64());

        var history = (await alpaca.Gateway.CreateHttpClient().GetFromJsonAsync<JsonElement>("/api/symbols/TSLA/historical?limit=1")).GetProperty("data")[0];
        Assert.Equal(minute, Time(history));
        Assert.Equal(corrected.Close, history.GetProperty("close").GetDouble());
    }

    [Fact]
    public async Task Thin_feed_with_most_minutes_without_trades_is_looked_for_further_back_and_served_bar_for_bar()
    {
        // Three minutes in four without a trade, in regular hours too: the calendar's range for the newest bars
        // holds a quarter of them.
        await using var alpaca = await AlpacaGateway.StartAsync(
            settings: new Dictionary<string, string?> { ["MarketData:History:Minute1"] = "300" },
            upstreamSetUp: upstream => upstream.Market.Tradeless = (symbol, minute, _) => FakeMarket.Hash(symbol, minute) % 4 != 0);
        var bars = (await alpaca.Gateway.CreateHttpClient().GetFromJsonAsync<JsonElement>("/api/symbols/NVDA/historical?timeframe=1Min&limit=300"))
            .GetProperty("data").EnumerateArray().ToList();

        var expected = alpaca.Upstream.Market.MinutesBefore("NVDA", alpaca.Upstream.Market.DefaultCursor, 300);
        Assert.Equal(expected, bars.Select(Time));
        Assert.All(bars, b => Assert.Equal(JsonValueKind.Number, b.GetProperty("MA160").ValueKind));
        Assert.True(alpaca.Upstream.BarRequests.Count(r => r == "1Min") >= 2, "the first range was enough");
    }

    /// <summary>
    /// On a Tuesday that closes at 13:00, the day after a closing that the NYSE's rules do not have, the service's
    /// calendar, clock and market statuses are the upstream's.
    /// </summary>
    [Fact]
    public async Task Upstream_closings_and_early_closes_are_the_services_calendar_clock_and_market_status()
    {
        var monday = new DateOnly(2026, 11, 16);
        var tuesday = monday.AddDays(1);
        await using var alpaca = await AlpacaGateway.StartAsync(
            settings: new Dictionary<string, string?> { ["MarketData:History:Minute1"] = "1000" },
            marketTime: FakeCalendar.At(tuesday, 14, 30),
            upstreamSetUp: upstream =>
            {
                upstream.Market.Calendar.AddHoliday(monday);
                upstream.Market.Calendar.AddEarlyClose(tuesday);
            });
        using var http = alpaca.Gateway.CreateHttpClient();
        var bars = (await http.GetFromJsonAsync<JsonElement>("/api/symbols/AAPL/historical?timeframe=1Min&limit=1000"))
            .GetProperty("data").EnumerateArray().ToDictionary(Time, b => b.GetProperty("market_status").GetString());

        string[] Statuses(DateOnly day, int fromHour, int fromMinute, int toHour) => bars
            .Where(b => b.Key >= FakeCalendar.At(day, fromHour, fromMinute) && b.Key < FakeCalendar.At(day, toHour, 0))
            .Select(b => b.Value!).Distinct().ToArray();
        Assert.DoesNotContain(bars.Keys, t => FakeCalendar.DateOf(t) == monday);
        Assert.Equal(["regular"], Statuses(tuesday, 9, 30, 13));
        Assert.Equal(["after-hours"], Statuses(tuesday, 13, 0, 17));
        Assert.Equal(["regular"], Statuses(monday.AddDays(-3), 15, 0, 16));
        Assert.Equal(["after-hours"], Statuses(monday.AddDays(-3), 16, 0, 20));

        var calendar = (await http.GetFromJsonAsync<JsonElement>("/v2/calendar?start=2026-11-13&end=2026-11-18")).EnumerateArray().ToList();
        Assert.Equal(["2026-11-13", "2026-11-17", "2026-11-18"], calendar.Select(d => d.GetProperty("date").GetString()));
        Assert.Equal("13:00", calendar[1].GetProperty("close").GetString());
        var clock = await http.GetFromJsonAsync<JsonElement>("/v2/clock");
        Assert.False(clock.GetProperty("is_open").GetBoolean());
        Assert.Equal("2026-11-18T09:30:00-05:00", clock.GetProperty("next_open").GetString());
    }

    /// <summary>The symbol's next <paramref name="count"/> minutes with trades after its history.</summary>
    private static List<DateTimeOffset> Minutes(AlpacaGateway alpaca, string symbol, int count)
    {
        var minutes = new List<DateTimeOffset> { alpaca.NextMinute(symbol, alpaca.LastHistoryMinute(symbol)) };
        while (minutes.Count < count) minutes.Add(alpaca.NextMinute(symbol, minutes[^1]));
        return minutes;
    }

    private static DateTimeOffset Time(JsonElement bar) => DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!);
}
