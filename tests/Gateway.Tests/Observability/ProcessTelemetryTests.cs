using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Observability;

/// <summary>Telemetry settings of real gateway and silo processes: JSON console logs, the silo's metrics port.</summary>
public sealed class ProcessTelemetryTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private const string JsonLogs = "Logging__Console__FormatterName";

    [Fact]
    public async Task Gateway_process_with_the_json_formatter_writes_only_json_log_lines_with_structured_fields()
    {
        using var gateway = new GatewayProcess(new Dictionary<string, string>
        {
            [JsonLogs] = "json",
            ["MarketData__Simulator__Speed"] = "60",
        });
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await gateway.WaitUntilAnswersAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/symbols/AAPL/historical?limit=5")).StatusCode);

        // The symbol grain logs its load with the symbol as a field of its own.
        var loaded = await Eventually.ValueAsync(() => Task.FromResult(JsonLines(gateway.Output).Cast<JsonElement?>().FirstOrDefault(line =>
                line!.Value.GetProperty("Category").GetString() == "OrleansMarketData.Symbols.SymbolGrain"
                && line.Value.GetProperty("State").TryGetProperty("Symbol", out var symbol) && symbol.GetString() == "AAPL")),
            line => line is not null, _ => "a JSON line with State.Symbol = AAPL:\n" + gateway.Output) ?? default;
        Assert.Equal("Information", loaded.GetProperty("LogLevel").GetString());
        Assert.StartsWith("Symbol AAPL: loaded ", loaded.GetProperty("Message").GetString());

        // Every line so far, start-up included, is one JSON object.
        Assert.All(JsonLines(gateway.Output), line => Assert.Equal(JsonValueKind.String, line.GetProperty("Message").ValueKind));
    }

    [Fact]
    public async Task Silo_process_serves_prometheus_metrics_on_its_metrics_port()
    {
        var port = GatewayFactory.FreePort();
        using var silo = GatewayProcess.Silo(new Dictionary<string, string> { ["Telemetry__MetricsPort"] = port.ToString() });
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(10) };
        await silo.WaitUntilAnswersAsync("/metrics", http.BaseAddress);

        // Orleans' meter and the runtime's, as on the gateway, once the silo has made its instruments.
        var text = await Eventually.ValueAsync(async () =>
        {
            using var response = await http.GetAsync("/metrics");
            Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
            return await response.Content.ReadAsStringAsync();
        }, metrics => metrics.Contains("\norleans_"), metrics => "Orleans' meter on the silo's /metrics:\n" + metrics);
        Assert.Contains("\norleans_", text);
        Assert.Contains("\ndotnet_gc_", text);
        Assert.Contains("service_name=\"OrleansMarketData.Silo\"", text);
    }

    [Theory]
    [InlineData("Telemetry__MetricsPort", "70000", "Telemetry:MetricsPort")]
    [InlineData("Telemetry__OtlpEndpoint", "collector:4317", "Telemetry:OtlpEndpoint")]
    public async Task Silo_process_refuses_a_bad_telemetry_setting_and_names_it(string variable, string value, string setting)
    {
        using var silo = GatewayProcess.Silo(new Dictionary<string, string> { [variable] = value });
        Assert.True(await silo.WaitForExitAsync(Wait), "did not stop:\n" + silo.Output);
        Assert.NotEqual(0, silo.ExitCode);
        Assert.Contains(setting, silo.Output);
    }

    [Fact]
    public async Task Silo_process_whose_metrics_port_is_taken_stops_with_a_message_that_names_the_setting()
    {
        using var taken = new TcpListener(IPAddress.Any, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        using var silo = GatewayProcess.Silo(new Dictionary<string, string> { ["Telemetry__MetricsPort"] = port.ToString() });
        Assert.True(await silo.WaitForExitAsync(Wait), "did not stop:\n" + silo.Output);
        Assert.Equal(1, silo.ExitCode);
        Assert.Contains("Telemetry:MetricsPort", silo.Output);
        Assert.DoesNotContain("Unhandled exception", silo.Output);
    }

    /// <summary>Each non-empty output line parsed as a JSON object; a line that is not one fails the test.</summary>
    private static List<JsonElement> JsonLines(string output) => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(line =>
        {
            try
            {
                var element = JsonDocument.Parse(line).RootElement.Clone();
                return element.ValueKind == JsonValueKind.Object ? element : throw new Xunit.Sdk.XunitException($"not a JSON object: {line}");
            }
            catch (JsonException)
            {
                throw new Xunit.Sdk.XunitException($"not a JSON line: {line}");
            }
        })
        .ToList();
}
