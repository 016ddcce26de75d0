using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace OrleansMarketData.Hosting;

/// <summary>
/// The body of <c>/health/live</c> and <c>/health/ready</c>, on gateways and silos alike:
/// <c>{"status":"healthy","checks":{"redis":{"status":"healthy","description":"..."}}}</c>. Only the checks'
/// own descriptions are written, never an exception's message (it may name hosts or connection settings), and of
/// their data only the numbers: the bar store's <c>queued_bars</c> of each silo, for instance, which the gateways'
/// <c>/api/health</c> shows for the feed's silo alone.
/// </summary>
public static class HealthJson
{
    /// <summary>200 while healthy or degraded (the process can serve), 503 when unhealthy.</summary>
    public static int StatusCode(HealthReport report) => report.Status == HealthStatus.Unhealthy ? 503 : 200;

    public static byte[] Write(HealthReport report)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("status", Name(report.Status));
            json.WriteStartObject("checks");
            foreach (var (name, entry) in report.Entries)
            {
                json.WriteStartObject(name);
                json.WriteString("status", Name(entry.Status));
                var description = entry.Exception is null ? entry.Description : null;
                json.WriteString("description", description ?? (entry.Status == HealthStatus.Healthy ? "ok" : "failing"));
                WriteNumbers(json, entry.Data);
                json.WriteEndObject();
            }
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    private static void WriteNumbers(Utf8JsonWriter json, IReadOnlyDictionary<string, object> data)
    {
        var started = false;
        foreach (var (key, value) in data)
        {
            if (value is not (int or long or double)) continue;
            if (!started) json.WriteStartObject("data");
            started = true;
            if (value is double number) json.WriteNumber(key, number);
            else json.WriteNumber(key, Convert.ToInt64(value));
        }
        if (started) json.WriteEndObject();
    }

    private static string Name(HealthStatus status) => status switch
    {
        HealthStatus.Healthy => "healthy",
        HealthStatus.Degraded => "degraded",
        _ => "unhealthy",
    };
}
