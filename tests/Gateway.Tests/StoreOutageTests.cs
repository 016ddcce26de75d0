using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// The bar store failing under a running gateway: the SQLite file locked by another process's transaction. Health
/// says so while it lasts, live bars keep flowing from memory, and once the lock goes the queued minutes are written
/// with no restart.
/// </summary>
public sealed class StoreOutageTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_locked_store_is_reported_degraded_while_live_bars_flow_and_its_queue_is_written_once_it_returns()
    {
        var store = TestBarStores.NewSqlitePath();
        try
        {
            await using var gateway = new GatewayFactory(new Dictionary<string, string?>
            {
                ["BarStore:Sqlite:Path"] = store,
                ["BarStore:Sqlite:BusyTimeout"] = "00:00:00.5",
                ["BarStore:WriteTimeout"] = "00:00:02",
            });
            using var http = gateway.CreateHttpClient();
            await using var socket = await SocketClient.ConnectAsync(gateway.SocketUri("/ws/candles/AAPL?limit=1"));
            Assert.Equal("historical", (await socket.ReceiveAsync(Wait))!.Value.GetProperty("type").GetString());
            await Eventually.ValueAsync(() => HealthAsync(http), h => h.GetProperty("store").GetString() == "ok", h => $"store ok: {h}");

            var duringOutage = new SortedSet<DateTimeOffset>();
            await using (var locker = new SqliteConnection($"Data Source={store};Pooling=False"))
            {
                await locker.OpenAsync();
                await using (var begin = locker.CreateCommand())
                {
                    begin.CommandText = "BEGIN EXCLUSIVE;";
                    await begin.ExecuteNonQueryAsync();
                }
                var degraded = await Eventually.ValueAsync(() => HealthAsync(http),
                    h => h.GetProperty("store").GetString() == "degraded", h => $"store degraded: {h}");
                Assert.Equal("healthy", degraded.GetProperty("status").GetString());
                // "database is locked", or on a busy machine the write timeout that the lock made it outlast.
                Assert.StartsWith("Sqlite: ", degraded.GetProperty("store_reason").GetString());
                // The simulator runs at 60×: a minute a second, each delivered while the store cannot take it.
                while (duringOutage.Count < 3)
                {
                    var bar = await socket.ReceiveTypeAsync("bar", Wait) ?? throw new Xunit.Sdk.XunitException("no live bar while the store was locked");
                    duringOutage.Add(DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!));
                }
                Assert.True((await HealthAsync(http)).GetProperty("store_queued_bars").GetInt64() > 0);
                await using var rollback = locker.CreateCommand();
                rollback.CommandText = "ROLLBACK;";
                await rollback.ExecuteNonQueryAsync();
            }

            await Eventually.ValueAsync(() => HealthAsync(http),
                h => h.GetProperty("store").GetString() == "ok" && h.GetProperty("store_queued_bars").GetInt64() == 0, h => $"store ok again: {h}");
            // Every minute delivered during the outage but the newest (it may still have been forming) is stored.
            await using var reader = new SqliteConnection($"Data Source={store};Mode=ReadOnly;Pooling=False");
            await reader.OpenAsync();
            foreach (var minute in duringOutage.SkipLast(1))
            {
                await using var count = reader.CreateCommand();
                count.CommandText = "SELECT COUNT(*) FROM bars WHERE symbol = 'AAPL' AND timeframe = 1 AND bar_time = $time";
                count.Parameters.AddWithValue("$time", minute.ToUnixTimeSeconds());
                Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            TestBarStores.Delete(store);
        }
    }

    private static async Task<JsonElement> HealthAsync(HttpClient http) => await http.GetFromJsonAsync<JsonElement>("/api/health");
}
