namespace OrleansMarketData.Grains;

/// <summary>A gateway's registration with a symbol grain for its live batches (<see cref="ISymbolGrain.Watch"/>).</summary>
public static class WatchRegistration
{
    /// <summary>
    /// How long a registration lasts unless renewed: then the grain stops sending to the gateway, which may have died
    /// without saying so. Gateways renew well within it (<c>Gateway:SymbolCheckInterval</c>, at most half of it).
    /// </summary>
    public static readonly TimeSpan Expiry = TimeSpan.FromMinutes(2);
}
