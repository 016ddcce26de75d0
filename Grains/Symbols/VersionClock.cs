namespace OrleansMarketData.Symbols;

/// <summary>
/// Where a symbol grain's batch versions come from: above the previous one and at least the clock's UTC ticks, so that
/// they grow across activations on silos whose clocks agree. A silo whose clock is behind is covered by the floor the
/// gateways bring to <see cref="Grains.ISymbolGrain.Watch"/> (docs/architecture.md).
/// </summary>
public sealed class VersionClock(TimeProvider time)
{
    public long Next(long previous) => Math.Max(previous + 1, time.GetUtcNow().UtcTicks);
}
