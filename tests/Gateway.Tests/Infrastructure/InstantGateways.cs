using System.Collections.Concurrent;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// A standalone gateway for each market time a class's <see cref="AnyMarketTimeAttribute"/> theories run at,
/// started when first asked for and shared by the class's tests.
/// </summary>
public sealed class InstantGateways : IAsyncLifetime
{
    private readonly ConcurrentDictionary<DateTimeOffset, Lazy<(GatewayFactory Factory, HttpClient Http)>> _gateways = new();

    public GatewayFactory At(DateTimeOffset marketTime) => Get(marketTime).Factory;

    public HttpClient HttpAt(DateTimeOffset marketTime) => Get(marketTime).Http;

    private (GatewayFactory Factory, HttpClient Http) Get(DateTimeOffset marketTime) =>
        _gateways.GetOrAdd(marketTime, t => new(() =>
        {
            var factory = new GatewayFactory(marketTime: t);
            return (factory, factory.CreateHttpClient());
        })).Value;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var gateway in _gateways.Values.Where(g => g.IsValueCreated).Select(g => g.Value))
        {
            gateway.Http.Dispose();
            await gateway.Factory.DisposeAsync();
        }
    }
}
