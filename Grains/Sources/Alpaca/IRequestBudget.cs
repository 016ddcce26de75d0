namespace OrleansMarketData.Sources.Alpaca;

/// <summary>Paces REST requests so that everyone using the account stays under its rate limit.</summary>
public interface IRequestBudget
{
    /// <param name="priority">The live feed's backfill: a share of the budget kept for it, ahead of history loads.</param>
    Task WaitTurnAsync(CancellationToken cancellationToken, bool priority = false);

    Task PauseUntilAsync(DateTimeOffset until);
}
