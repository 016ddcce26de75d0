using System.Collections.Concurrent;
using System.Diagnostics;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Observability;

/// <summary>A request's trace reaches the grain it calls: the server span and the grain call share one trace.</summary>
public sealed class TraceTests(GatewayFixture gateway) : IClassFixture<GatewayFixture>
{
    [Fact]
    public async Task Historical_request_and_its_symbol_grain_call_share_one_trace()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore" || source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal),
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        // The request's own trace id, so that it is told apart from every other activity in the test process.
        var traceId = ActivityTraceId.CreateRandom();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/symbols/AAPL/historical?limit=5");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await gateway.Http.SendAsync(request);
        response.EnsureSuccessStatusCode();

        // The server activity stops after the response went out.
        var server = await Eventually.FoundAsync(
            () => stopped.FirstOrDefault(a => a.Source.Name == "Microsoft.AspNetCore" && a.TraceId == traceId), "the request's server activity stopped");
        Assert.Equal(ActivityKind.Server, server.Kind);

        // Both ends of the grain call: the gateway's outgoing call and the grain's incoming one.
        var grainCall = stopped.Where(a => a.Source.Name.StartsWith("Microsoft.Orleans", StringComparison.Ordinal)
                                           && a.DisplayName == "ISymbolGrain/GetHistory" && a.TraceId == server.TraceId).ToList();
        Assert.Contains(grainCall, a => a.Kind == ActivityKind.Client);
        Assert.Contains(grainCall, a => a.Kind == ActivityKind.Server);
    }
}
