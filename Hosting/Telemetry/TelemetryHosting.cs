using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using OrleansMarketData.Telemetry;

namespace OrleansMarketData.Hosting;

/// <summary>
/// OpenTelemetry for a gateway or silo process: this service's meter, Orleans' meter and the .NET runtime's on
/// every process; traces of grain calls (and, on gateways, HTTP requests) only when an OTLP endpoint is set, so
/// that by default no activity is recorded at all.
/// </summary>
public static class TelemetryHosting
{
    /// <summary>Orleans' activity sources: runtime calls, and calls to application grains.</summary>
    public static readonly string[] OrleansActivitySources = ["Microsoft.Orleans.Runtime", "Microsoft.Orleans.Application"];

    /// <param name="metrics">Exporters and instrumentation the host adds (the gateway's /metrics, the silo's listener).</param>
    /// <param name="tracing">Instrumentation the host adds when traces are exported.</param>
    public static TelemetryOptions AddMarketDataTelemetry(
        this IHostApplicationBuilder builder, string serviceName,
        Action<MeterProviderBuilder, TelemetryOptions> metrics, Action<TracerProviderBuilder>? tracing = null)
    {
        // Read now: whether there is a metrics listener and a trace exporter decides what the host is built with.
        var settings = builder.Configuration.ReadValidated<TelemetryOptions, TelemetryOptionsValidator>(TelemetryOptions.Section);
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithMetrics(meters =>
            {
                meters.AddMeter(MetricNames.Meter, MetricNames.OrleansMeter).AddRuntimeInstrumentation();
                metrics(meters, settings);
            });
        if (settings.ExportsTraces)
        {
            telemetry.WithTracing(traces =>
            {
                traces.AddSource(OrleansActivitySources);
                tracing?.Invoke(traces);
                traces.AddOtlpExporter(o => o.Endpoint = new Uri(settings.OtlpEndpoint!));
            });
        }
        return settings;
    }

    /// <summary>The Silo process: everything above, and its metrics on <c>http://*:MetricsPort/metrics</c> when set.</summary>
    public static IHostApplicationBuilder AddSiloTelemetry(this IHostApplicationBuilder builder)
    {
        builder.AddMarketDataTelemetry("OrleansMarketData.Silo", (meters, settings) =>
        {
            if (settings.MetricsPort > 0)
                meters.AddPrometheusHttpListener(o =>
                {
                    o.Port = settings.MetricsPort;
                    // Every interface, not only localhost: Prometheus scrapes silos from other hosts and containers.
                    o.ConfigureHttpListener = static (options, listener) =>
                    {
                        listener.Prefixes.Clear();
                        listener.Prefixes.Add($"http://+:{options.Port}{options.ScrapeEndpointPath}/");
                    };
                });
        });
        return builder;
    }
}
