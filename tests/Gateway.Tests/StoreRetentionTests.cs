using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// Retention through the service: a standalone gateway keeps its stored 1-minute bars for the configured age and no
/// longer, the age measured on the market's clock (the simulator's, pinned weeks before the machine's), while the
/// 5-minute bars keep their own, longer retention.
/// </summary>
public sealed class StoreRetentionTests
{
    private const int Minute1 = 1;
    private const int Minute5 = 5;

    [Fact]
    public async Task Stored_minutes_older_than_their_retention_on_the_market_clock_are_deleted_and_the_rest_kept()
    {
        var store = TestBarStores.NewSqlitePath();
        try
        {
            await using var gateway = new GatewayFactory(new Dictionary<string, string?>
            {
                ["BarStore:Sqlite:Path"] = store,
                ["BarStore:Retention:Minute1"] = "1",
                ["BarStore:RetentionInterval"] = "00:00:01",
                ["MarketData:History:Minute1"] = "2000",
                ["MarketData:History:Minute5"] = "500",
            });
            using var http = gateway.CreateHttpClient();
            // The served histories reach back well past one day before the pinned market time.
            var dayBefore = MarketTime.RegularHours.AddDays(-1);
            foreach (var (timeframe, limit) in new[] { ("1Min", 2000), ("5Min", 500) })
            {
                var oldest = await OldestServedAsync(http, timeframe, limit);
                Assert.True(oldest < dayBefore.AddHours(-12), $"the oldest {timeframe} bar served is of {oldest:O}");
            }

            // Minutes of the last day stay (those of Tuesday afternoon; the market clock runs at 60x, so the cut-off
            // moves a minute per second); every older minute goes; 5-minute bars of that age stay.
            var recent = (From: dayBefore.AddHours(4), To: MarketTime.RegularHours);
            await Eventually.ValueAsync(async () => (
                    Old: await CountAsync(store, Minute1, DateTimeOffset.UnixEpoch, dayBefore),
                    Recent: await CountAsync(store, Minute1, recent.From, recent.To),
                    OldFives: await CountAsync(store, Minute5, DateTimeOffset.UnixEpoch, dayBefore)),
                c => c.Old == 0 && c.Recent > 0 && c.OldFives > 0,
                c => $"stored 1Min bars older than a day: {c.Old}, of the last day: {c.Recent}; 5Min bars older than a day: {c.OldFives}");
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TestBarStores.Delete(store);
        }
    }

    private static async Task<DateTimeOffset> OldestServedAsync(HttpClient http, string timeframe, int limit)
    {
        var body = await http.GetFromJsonAsync<JsonElement>($"/api/symbols/AAPL/historical?timeframe={timeframe}&limit={limit}");
        return DateTimeOffset.Parse(body.GetProperty("data")[0].GetProperty("timestamp").GetString()!);
    }

    private static async Task<long> CountAsync(string store, int timeframe, DateTimeOffset from, DateTimeOffset to)
    {
        await using var reader = new SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
        await reader.OpenAsync();
        await using var count = reader.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM bars WHERE symbol = 'AAPL' AND timeframe = $tf AND bar_time >= $from AND bar_time < $to";
        count.Parameters.AddWithValue("$tf", timeframe);
        count.Parameters.AddWithValue("$from", from.ToUnixTimeSeconds());
        count.Parameters.AddWithValue("$to", to.ToUnixTimeSeconds());
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
