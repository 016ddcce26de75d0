using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Grains;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// <c>/api/health</c> is open and unlimited, and the feed grain it reads is one for the whole cluster and handles one
/// call at a time: within <c>Gateway:HealthCacheDuration</c> a gateway asks it once, however often it is asked.
/// </summary>
public sealed class HealthCacheTests : IAsyncLifetime
{
    private readonly FeedStatusCalls _calls = new();
    private readonly GatewayFactory _factory;

    public HealthCacheTests() => _factory = new GatewayFactory(
        new Dictionary<string, string?> { ["Gateway:HealthCacheDuration"] = "00:05:00" },
        services: services => services.AddSingleton<IOutgoingGrainCallFilter>(_calls));

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task Many_health_requests_within_the_cache_duration_ask_the_feed_grain_once()
    {
        using var http = _factory.CreateHttpClient();
        // Side by side and one after another: those that come while the read runs share it too.
        await Task.WhenAll(Enumerable.Range(0, 10).Select(async _ => Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode)));
        for (var i = 0; i < 20; i++) Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/health")).StatusCode);
        Assert.Equal(1, _calls.Count);
    }

    private sealed class FeedStatusCalls : IOutgoingGrainCallFilter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task Invoke(IOutgoingGrainCallContext context)
        {
            if (context.InterfaceMethod?.DeclaringType == typeof(IMarketFeedGrain) && context.InterfaceMethod.Name == nameof(IMarketFeedGrain.GetStatus))
                Interlocked.Increment(ref _count);
            return context.Invoke();
        }
    }
}
