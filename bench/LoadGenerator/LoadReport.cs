using System.Globalization;
using System.Text.Json;

namespace OrleansMarketData.Bench.Load;

/// <summary>The figures of one run, printed as one line per figure and optionally written as JSON.</summary>
public sealed record LoadReport(
    string Label,
    int Clients,
    int Symbols,
    int Connected,
    int ConnectFailed,
    double ConnectSeconds,
    double WindowSeconds,
    long ExpectedBars,
    long DeliveredBars,
    double DeliveredPercent,
    double MessagesPerSecond,
    double AverageMessageBytes,
    double LatencyP50Ms,
    double LatencyP99Ms,
    double LatencyMaxMs,
    double[] SlowestByMarkMs,
    long LatencyNegative,
    int ClientsMissingBars,
    int ClientsLost,
    long RepeatedBars,
    string? FirstError,
    string Protocol,
    long WindowBarsReceived,
    double ReceivedPerSecond,
    double ServerCpuSeconds,
    double ServerCpuUsPerMessage,
    double ServerCores,
    double LoadCpuSeconds,
    double LoadCpuUsPerMessage,
    double LoadCores,
    int LoadProcessors)
{
    public void Print()
    {
        var c = CultureInfo.InvariantCulture;
        Console.WriteLine(string.Create(c, $"[{Label}] {Protocol}: clients {Connected}/{Clients} on {Symbols} symbols (connect failed {ConnectFailed}, connect took {ConnectSeconds:F1} s)"));
        Console.WriteLine(string.Create(c, $"[{Label}] window {WindowSeconds:F0} s: delivered {DeliveredBars}/{ExpectedBars} ({DeliveredPercent:F3}%), {MessagesPerSecond:F0} msg/s, {AverageMessageBytes:F0} B/msg"));
        Console.WriteLine(string.Create(c, $"[{Label}] latency emit->receipt p50 {LatencyP50Ms:F1} ms, p99 {LatencyP99Ms:F1} ms, max {LatencyMaxMs:F1} ms (negative samples {LatencyNegative})"));
        Console.WriteLine(string.Create(c, $"[{Label}] slowest receipt per minute mark (ms): {string.Join(", ", SlowestByMarkMs.Select(m => m.ToString("F0", c)))}"));
        Console.WriteLine(string.Create(c,
            $"[{Label}] CPU over the window ({WindowBarsReceived} live messages received, {ReceivedPerSecond:F0}/s): server {ServerCpuUsPerMessage:F2} µs/msg ({ServerCores:F2} cores), load generator {LoadCpuUsPerMessage:F2} µs/msg ({LoadCores:F2} of {LoadProcessors} cores)"));
        Console.WriteLine(string.Create(c, $"[{Label}] clients missing bars {ClientsMissingBars}, lost (closed/failed) {ClientsLost}, repeated bars {RepeatedBars}{(FirstError is null ? "" : $", first error: {FirstError}")}"));
    }

    public void Write(string path) =>
        File.WriteAllText(path, JsonSerializer.Serialize(this, new JsonSerializerOptions
        {
            WriteIndented = true,
            // An empty run has no percentiles: NaN is written as "NaN" rather than failing the report.
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        }));
}
