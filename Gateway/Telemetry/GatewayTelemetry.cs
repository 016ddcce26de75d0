using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OrleansMarketData.Hosting;

namespace OrleansMarketData.Gateway.Telemetry;

/// <summary>
/// The gateway's OpenTelemetry: its own instruments, ASP.NET Core's request metrics and the Prometheus exporter
/// behind <c>/metrics</c>; in standalone mode the co-hosted silo's metrics come out there too. Server spans of
/// HTTP requests are exported only when <c>Telemetry:OtlpEndpoint</c> is set.
/// </summary>
public static class GatewayTelemetry
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<GatewayMetrics>();
        builder.AddMarketDataTelemetry("OrleansMarketData.Gateway",
            (meters, _) => meters.AddAspNetCoreInstrumentation().AddPrometheusExporter(),
            traces => traces.AddAspNetCoreInstrumentation(o => o.Filter = context => context.Request.Path != MetricsPath));
        return builder;
    }

    /// <summary>Prometheus text at <c>/metrics</c>, open to scrapers without client credentials.</summary>
    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath);
        return app;
    }
}
