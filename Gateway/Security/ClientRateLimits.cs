namespace OrleansMarketData.Gateway.Security;

/// <summary>
/// The REST rate limit's services: a token bucket per client (<see cref="ClientRequestBuckets"/>), applied by
/// <see cref="ClientRateLimitFilter"/> on the endpoint groups it guards (<c>/api/symbols</c> and <c>/v2</c>).
/// </summary>
public static class ClientRateLimits
{
    public static IServiceCollection AddClientRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<ClientRequestBuckets>();
        return services;
    }

    /// <summary>Puts the group under the rate limit, ahead of its other filters.</summary>
    public static RouteGroupBuilder RequireClientRateLimit(this RouteGroupBuilder group) => group.AddEndpointFilter<ClientRateLimitFilter>();
}
