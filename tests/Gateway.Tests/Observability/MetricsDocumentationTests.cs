using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Gateway.Telemetry;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Metrics;
using OrleansMarketData.Telemetry;

namespace OrleansMarketData.Gateway.Tests.Observability;

/// <summary>The metrics table of docs/operations.md lists exactly the instruments a gateway with its silo creates.</summary>
public sealed class MetricsDocumentationTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    private const string OperationsDoc = "docs/operations.md";

    [Fact]
    public void Every_instrument_of_the_service_meter_has_a_documented_row_with_its_type_and_unit_and_no_row_is_stale()
    {
        var services = gateway.Factory.Services;
        var meterFactory = services.GetRequiredService<IMeterFactory>();
        // Both sides' instruments exist once their classes do (the silo's is otherwise made on first use).
        services.GetRequiredService<MarketDataMetrics>();
        services.GetRequiredService<GatewayMetrics>();
        var instruments = new List<Instrument>();
        using (var listener = new MeterListener())
        {
            listener.InstrumentPublished = (instrument, _) =>
            {
                if (instrument.Meter.Name == MetricNames.Meter && ReferenceEquals(instrument.Meter.Scope, meterFactory)) instruments.Add(instrument);
            };
            listener.Start();
        }
        Assert.NotEmpty(instruments);

        var rows = ObservabilityTableRows();
        foreach (var instrument in instruments)
        {
            var row = rows.SingleOrDefault(r => r[1] == $"`{instrument.Name}`");
            Assert.True(row is not null, $"the Observability table of {OperationsDoc} has no row for {instrument.Name}");
            Assert.StartsWith($"`{instrument.Name.Replace('.', '_')}", row[0]);
            Assert.Equal($"`{instrument.Unit}`", row[3]);
            Assert.StartsWith(Kind(instrument), row[2]);
        }
        Assert.All(rows, row => Assert.Contains(instruments, i => row[1] == $"`{i.Name}`"));
    }

    private static string Kind(Instrument instrument)
    {
        var type = instrument.GetType().GetGenericTypeDefinition();
        if (type == typeof(Counter<>)) return "counter";
        if (type == typeof(Histogram<>)) return "histogram";
        if (type == typeof(UpDownCounter<>) || type == typeof(ObservableUpDownCounter<>) || type == typeof(ObservableGauge<>)) return "gauge";
        throw new Xunit.Sdk.XunitException($"no documented type for {type.Name}");
    }

    /// <summary>The cells of the metric rows (those naming an instrument) of the Observability section of docs/operations.md.</summary>
    private static List<string[]> ObservabilityTableRows()
    {
        var doc = File.ReadAllText(Path.Combine(Repository.Root, OperationsDoc));
        var start = doc.IndexOf("\n## Observability\n", StringComparison.Ordinal);
        Assert.True(start >= 0, $"{OperationsDoc} has no Observability section");
        var end = doc.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return doc[start..(end < 0 ? doc.Length : end)].Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .Select(line => line.Trim().Trim('|').Split('|').Select(cell => cell.Trim()).ToArray())
            .ToList();
    }
}
