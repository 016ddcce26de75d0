using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using OrleansMarketData.Storage.Sqlite;

namespace OrleansMarketData.Storage.Tests;

/// <summary>AddBarStore: the provider chosen by mode or setting, and settings refused with messages that name them.</summary>
public sealed class BarStoreOptionsTests
{
    [Theory]
    [InlineData(false, "Sqlite")]
    [InlineData(true, "Postgres")]
    public void Without_a_provider_the_mode_chooses(bool clusterMode, string expected)
    {
        using var services = Services(clusterMode, new() { ["BarStore:Postgres:ConnectionString"] = "Host=127.0.0.1;Database=bars" });
        var options = services.GetRequiredService<IOptions<BarStoreOptions>>().Value;
        Assert.Equal(expected, options.Provider);
        Assert.Equal("data/bars.db", options.Sqlite.Path);
        Assert.Equal(expected, services.GetRequiredService<IBarStore>().Provider);
    }

    [Fact]
    public void Settings_bind_case_insensitively_and_retention_takes_days_or_a_timespan()
    {
        using var services = Services(clusterMode: true, new()
        {
            ["BarStore:Provider"] = "sqlite",
            ["BarStore:Sqlite:Path"] = "/tmp/elsewhere.db",
            ["BarStore:Retention:Minute1"] = "30",
            ["BarStore:Retention:Hour1"] = "12:00:00",
            ["BarStore:Retention:Day1"] = "0",
            ["BarStore:WriteQueueBars"] = "1234",
        });
        var options = services.GetRequiredService<IOptions<BarStoreOptions>>().Value;
        Assert.Equal("Sqlite", options.Provider);
        Assert.IsType<SqliteBarStore>(services.GetRequiredService<IBarStore>());
        Assert.Equal(TimeSpan.FromDays(30), options.Retention.Minute1);
        Assert.Equal(TimeSpan.FromHours(12), options.Retention.Hour1);
        Assert.Equal(TimeSpan.Zero, options.Retention.Day1);
        Assert.Equal(TimeSpan.FromDays(180), options.Retention.Minute5);
        Assert.Equal(1234, options.WriteQueueBars);
    }

    [Fact]
    public void None_stores_nothing()
    {
        using var services = Services(clusterMode: false, new() { ["BarStore:Provider"] = "None" });
        Assert.IsType<NullBarStore>(services.GetRequiredService<IBarStore>());
    }

    [Theory]
    [InlineData("BarStore:Provider", "Mongo", "BarStore:Provider must be Sqlite, Postgres, None")]
    [InlineData("BarStore:Sqlite:Path", " ", "BarStore:Sqlite:Path")]
    [InlineData("BarStore:WriteQueueBars", "0", "BarStore:WriteQueueBars")]
    [InlineData("BarStore:Retention:Minute5", "-1", "BarStore:Retention")]
    [InlineData("BarStore:RetentionBatchSize", "0", "BarStore:RetentionBatchSize")]
    public void A_bad_setting_fails_start_up_naming_it(string key, string value, string message)
    {
        using var services = Services(clusterMode: false, new() { [key] = value });
        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Cluster_mode_needs_a_connection_string_and_never_repeats_one()
    {
        using (var services = Services(clusterMode: true, new()))
        {
            var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
            Assert.Contains("BarStore:Postgres:ConnectionString is required", error.Message);
        }
        using (var services = Services(clusterMode: true, new() { ["BarStore:Postgres:ConnectionString"] = "Host=db;Password=hunter2;Flavour=strawberry" }))
        {
            var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());
            Assert.Contains("BarStore:Postgres:ConnectionString is not a valid", error.Message);
            Assert.DoesNotContain("hunter2", error.Message);
        }
    }

    private static ServiceProvider Services(bool clusterMode, Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddLogging();
        services.AddBarStore(clusterMode);
        return services.BuildServiceProvider();
    }
}
