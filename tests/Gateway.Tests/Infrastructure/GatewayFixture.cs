namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>One gateway with the simulator at 60× shared by the tests that only read from it.</summary>
public sealed class GatewayFixture : IAsyncLifetime
{
    public GatewayFactory Factory { get; } = new();

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
