namespace OrleansMarketData.Grains;

/// <summary>
/// The cluster's REST request budget for one upstream account (key: the feed name), so that every silo together
/// stays under the account's per-minute limit.
/// </summary>
public interface IRequestBudgetGrain : IGrainWithStringKey
{
    /// <summary>
    /// Reserves one request; the caller sends it after the returned delay. Priority requests (the live feed's
    /// backfill) have a share of the budget of their own and never wait behind the others.
    /// </summary>
    ValueTask<TimeSpan> Reserve(int requestsPerMinute, bool priority);

    /// <summary>The upstream said "too many requests": send nothing before <paramref name="until"/>.</summary>
    ValueTask PauseUntil(DateTimeOffset until);
}
