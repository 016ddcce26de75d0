using System.Globalization;
using System.Net;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary><c>/v2/calendar</c> from the market calendar, on the shared gateway.</summary>
[Collection(GatewayCollection.Name)]
public sealed class AlpacaCalendarTests(GatewayFixture fixture)
{
    [Fact]
    public async Task Calendar_leaves_out_weekends_and_holidays_and_shows_early_closes()
    {
        var days = await CalendarAsync(fixture.Http, "/v2/calendar?start=2024-11-27&end=2024-12-02");

        Assert.Equal(["2024-11-27", "2024-11-29", "2024-12-02"], days.Select(d => d.GetProperty("date").GetString()!).ToArray());
        Assert.Equal(["date", "open", "close", "session_open", "session_close", "settlement_date"], days[0].EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(("09:30", "16:00", "0400", "2000"), Hours(days[0]));
        // The day after Thanksgiving closes at 13:00, and after-hours end at 17:00.
        Assert.Equal(("09:30", "13:00", "0400", "1700"), Hours(days[1]));
        // T+1 settlement skips the holiday; before 2024-05-28 it was T+2.
        Assert.Equal("2024-11-29", days[0].GetProperty("settlement_date").GetString());
        var older = await CalendarAsync(fixture.Http, "/v2/calendar?start=2023-07-03&end=2023-07-05");
        Assert.Equal(["2023-07-03", "2023-07-05"], older.Select(d => d.GetProperty("date").GetString()!).ToArray());
        Assert.Equal("13:00", older[0].GetProperty("close").GetString());
        Assert.Equal("2023-07-06", older[0].GetProperty("settlement_date").GetString());
    }

    [Fact]
    public async Task Settlement_date_type_selects_days_by_settlement()
    {
        var days = await CalendarAsync(fixture.Http, "/v2/calendar?start=2024-11-29&end=2024-11-29&date_type=SETTLEMENT");
        Assert.Equal(["2024-11-27"], days.Select(d => d.GetProperty("date").GetString()!).ToArray());
    }

    [Fact]
    public async Task Calendar_without_bounds_covers_1970_to_2029_and_an_empty_range_is_an_empty_array()
    {
        var days = await CalendarAsync(fixture.Http, "/v2/calendar");
        Assert.Equal("1970-01-02", days[0].GetProperty("date").GetString());
        Assert.Equal("2029-12-31", days[^1].GetProperty("date").GetString());
        Assert.Empty(await CalendarAsync(fixture.Http, "/v2/calendar?start=2024-12-25&end=2024-12-25"));
        Assert.Empty(await CalendarAsync(fixture.Http, "/v2/calendar?start=2024-12-10&end=2024-12-01"));
    }

    [Fact]
    public async Task Clock_agrees_with_the_calendar_and_the_feeds_market_time()
    {
        var clock = await GetJsonAsync(fixture.Http, "/v2/clock");
        var health = await GetJsonAsync(fixture.Http, "/api/health");

        Assert.Equal(["timestamp", "is_open", "next_open", "next_close"], clock.EnumerateObject().Select(p => p.Name).ToArray());
        var now = Time(clock, "timestamp");
        var marketTime = DateTimeOffset.Parse(health.GetProperty("market_time").GetString()!, CultureInfo.InvariantCulture);
        // The simulator runs at 60x here: a wall-clock second is a market minute.
        Assert.InRange(marketTime - now, TimeSpan.FromMinutes(-1), TimeSpan.FromMinutes(30));
        var nextOpen = Time(clock, "next_open");
        var nextClose = Time(clock, "next_close");
        Assert.True(nextOpen > now && nextClose > now);
        Assert.Equal(clock.GetProperty("is_open").GetBoolean(), nextClose < nextOpen);
        var openDay = await CalendarAsync(fixture.Http, $"/v2/calendar?start={nextOpen:yyyy-MM-dd}&end={nextOpen:yyyy-MM-dd}");
        Assert.Equal(nextOpen.ToString("HH:mm", CultureInfo.InvariantCulture), Assert.Single(openDay).GetProperty("open").GetString());
    }

    internal static async Task<List<JsonElement>> CalendarAsync(HttpClient http, string path) =>
        (await GetJsonAsync(http, path)).EnumerateArray().ToList();

    internal static DateTimeOffset Time(JsonElement clock, string name)
    {
        var text = clock.GetProperty(name).GetString()!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}-0[45]:00$", text);
        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
    }

    private static (string?, string?, string?, string?) Hours(JsonElement day) => (
        day.GetProperty("open").GetString(), day.GetProperty("close").GetString(),
        day.GetProperty("session_open").GetString(), day.GetProperty("session_close").GetString());
}
