using System.Net;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace OrleansMarketData.Hosting;

/// <summary>
/// <c>/health/live</c> and <c>/health/ready</c> of the Silo process, on its metrics port beside the Prometheus
/// listener's <c>/metrics</c> (one port for an orchestrator's probes and its scraper). Requests are answered one at
/// a time: probes are few, and a check never waits longer than <see cref="ClusterHealthCheck.Wait"/>.
/// </summary>
public sealed partial class SiloHealthListener(int port, HealthCheckService health, ILogger<SiloHealthListener> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var listener = new HttpListener();
        // Every interface, as the metrics listener (Hosting/Telemetry/TelemetryHosting.cs).
        listener.Prefixes.Add($"http://+:{port}/health/");
        listener.Start();
        using var stop = stoppingToken.Register(listener.Stop);
        while (!stoppingToken.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            await AnswerAsync(context, stoppingToken);
        }
    }

    private async Task AnswerAsync(HttpListenerContext context, CancellationToken stoppingToken)
    {
        var response = context.Response;
        try
        {
            var tag = context.Request.Url?.AbsolutePath.TrimEnd('/') switch
            {
                HealthTags.LivePath => HealthTags.Live,
                HealthTags.ReadyPath => HealthTags.Ready,
                _ => null,
            };
            byte[] body;
            if (tag is null || context.Request.HttpMethod is not ("GET" or "HEAD"))
            {
                response.StatusCode = 404;
                body = """{"error":"served here: GET /health/live, GET /health/ready, GET /metrics"}"""u8.ToArray();
            }
            else
            {
                var report = await health.CheckHealthAsync(c => c.Tags.Contains(tag), stoppingToken);
                response.StatusCode = HealthJson.StatusCode(report);
                body = HealthJson.Write(report);
            }
            response.ContentType = "application/json";
            response.Headers["Cache-Control"] = "no-store";
            response.ContentLength64 = body.Length;
            if (context.Request.HttpMethod != "HEAD") await response.OutputStream.WriteAsync(body, stoppingToken);
        }
        catch (Exception ex) when (ex is HttpListenerException or IOException or OperationCanceledException)
        {
            LogAnswerFailed(ex.GetType().Name);
        }
        finally
        {
            response.Close();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A health probe's answer was not delivered ({Reason})")]
    private partial void LogAnswerFailed(string reason);
}
