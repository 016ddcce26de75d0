namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>One gateway with the simulator at 60× shared by the tests that only read from it.</summary>
public class GatewayFixture : IAsyncLifetime
{
    public GatewayFixture() : this(null)
    {
    }

    /// <param name="settings">Configuration on top of the test defaults, for fixtures of particular gateways.</param>
    protected GatewayFixture(IReadOnlyDictionary<string, string?>? settings) => Factory = new GatewayFactory(settings);

    public GatewayFactory Factory { get; }

    public HttpClient Http { get; private set; } = null!;

    public Task InitializeAsync()
    {
        Http = Factory.CreateHttpClient();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        await Factory.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class GatewayCollection : ICollectionFixture<GatewayFixture>
{
    public const string Name = "gateway";
}
