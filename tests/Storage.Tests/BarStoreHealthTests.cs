using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using OrleansMarketData.Hosting;
using OrleansMarketData.Storage.Tests.Infrastructure;

namespace OrleansMarketData.Storage.Tests;

/// <summary>
/// The bar store's readiness checks (Hosting/Health/MarketDataHealthChecks.cs) against a real PostgreSQL: healthy
/// while it answers, degraded (still 200: bars queue) while it is stopped, and no connection settings in the answer.
/// </summary>
public sealed class BarStoreHealthTests
{
    private static readonly string[] StoreChecks = ["bar-store", "bar-store-postgres"];

    [Fact]
    public async Task Bar_store_checks_are_healthy_while_PostgreSQL_answers_and_degraded_while_it_is_stopped()
    {
        await using var server = await PostgresServer.StartAsync();
        var connectionString = await server.CreateDatabaseAsync();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["BarStore:Provider"] = "Postgres",
            ["BarStore:Postgres:ConnectionString"] = connectionString,
            ["BarStore:RetryDelay"] = "00:00:00.100",
            ["BarStore:RetryMaxDelay"] = "00:00:00.500",
        });
        builder.Services.AddBarStore(clusterMode: false);
        builder.AddMarketDataHealthChecks(new MarketDataClusterOptions());
        using var host = builder.Build();
        await host.StartAsync();
        var health = host.Services.GetRequiredService<HealthCheckService>();

        var up = await CheckAsync(health);
        Assert.Equal(HealthStatus.Healthy, up.Status);
        Assert.Equal(StoreChecks, up.Entries.Keys.Order());

        await server.StopAsync();
        // The writer notices at its next write; the PostgreSQL check at once.
        await host.Services.GetRequiredService<BarStoreWriter>().WriteAsync(new BarBatch([Rows.Minute1("AAPL", 0, 100, sequence: 1)]));
        var down = await CheckAsync(health);
        Assert.Equal(HealthStatus.Degraded, down.Entries["bar-store"].Status);
        Assert.Equal(HealthStatus.Degraded, down.Entries["bar-store-postgres"].Status);
        Assert.Equal(200, HealthJson.StatusCode(down));
        var body = Encoding.UTF8.GetString(HealthJson.Write(down));
        Assert.Contains("\"bar-store\":{\"status\":\"degraded\"", body);
        // The one bar written while PostgreSQL was away waits in the queue, and the body says so.
        Assert.Equal(1, JsonDocument.Parse(body).RootElement.GetProperty("checks").GetProperty("bar-store").GetProperty("data").GetProperty("queued_bars").GetInt64());
        Assert.DoesNotContain(server.Password, body);
        Assert.DoesNotContain(server.Port.ToString(), body);

        await server.StartAgainAsync();
        var again = down;
        for (var attempt = 0; attempt < 120 && again.Status != HealthStatus.Healthy; attempt++)
        {
            await Task.Delay(500);
            again = await CheckAsync(health);
        }
        Assert.True(again.Status == HealthStatus.Healthy, "the store's checks are healthy again after PostgreSQL returned: " + Encoding.UTF8.GetString(HealthJson.Write(again)));
        await host.StopAsync();
    }

    private static Task<HealthReport> CheckAsync(HealthCheckService health) =>
        health.CheckHealthAsync(c => StoreChecks.Contains(c.Name));
}
