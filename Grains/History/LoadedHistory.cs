using OrleansMarketData.Sources;

namespace OrleansMarketData.History;

/// <summary>
/// A timeframe's history as <see cref="StoreFirstHistory"/> assembled it, with the newest feed sequence number among
/// its stored 1-minute bars (0 when none carried one): where the grain's check for skipped numbers starts.
/// </summary>
public sealed record LoadedHistory(BarHistory History, long NewestSequence);
