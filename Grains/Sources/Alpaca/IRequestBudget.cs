namespace OrleansMarketData.Sources.Alpaca;

/// <summary>Paces REST requests so that everyone using the account stays under its rate limit.</summary>
public interface IRequestBudget
{
    Task WaitTurnAsync(CancellationToken cancellationToken);

    Task PauseUntilAsync(DateTimeOffset until);
}
