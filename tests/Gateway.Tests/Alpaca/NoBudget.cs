using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>A request budget that never makes a request wait, for tests of one REST client or live feed on its own.</summary>
internal sealed class NoBudget : IRequestBudget
{
    public Task WaitTurnAsync(CancellationToken cancellationToken, bool priority = false) => Task.CompletedTask;

    public Task PauseUntilAsync(DateTimeOffset until) => Task.CompletedTask;
}
