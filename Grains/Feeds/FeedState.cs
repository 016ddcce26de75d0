namespace OrleansMarketData.Feeds;

/// <summary>
/// What a feed grain must not lose with its silo: who holds which symbol, the newest bar published for each, so that
/// an activation on another silo resubscribes at once and publishes what was missed meanwhile, and the newest
/// sequence number given to each symbol's bars (<see cref="FeedJournal"/>).
/// </summary>
[GenerateSerializer]
public sealed class FeedState
{
    /// <summary>The symbols held, each by its one symbol grain (the value is 1; a map so that saved states still read).</summary>
    [Id(0)] public Dictionary<string, int> Holders { get; set; } = new(StringComparer.Ordinal);
    [Id(1)] public Dictionary<string, DateTimeOffset> LastBars { get; set; } = new(StringComparer.Ordinal);
    [Id(2)] public Dictionary<string, long> Sequences { get; set; } = new(StringComparer.Ordinal);
}
