using OrleansMarketData.Model;

namespace OrleansMarketData.Sources;

/// <summary>Bars from a source, oldest first; <see cref="IsComplete"/> when the source has no older ones.</summary>
public sealed record BarHistory(IReadOnlyList<Bar> Bars, bool IsComplete);
