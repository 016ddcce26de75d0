namespace OrleansMarketData.Hosting;

/// <summary>Where metrics and traces go, bound from <c>Telemetry</c>.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>
    /// The Silo process's Prometheus listener (<c>http://*:port/metrics</c>); 0 turns it off. Gateways serve
    /// <c>/metrics</c> on their own HTTP port and ignore it.
    /// </summary>
    public int MetricsPort { get; set; }

    /// <summary>An OTLP collector (e.g. <c>http://127.0.0.1:4317</c>) that receives traces; empty: no traces are exported.</summary>
    public string? OtlpEndpoint { get; set; }

    public bool ExportsTraces => !string.IsNullOrWhiteSpace(OtlpEndpoint);
}
