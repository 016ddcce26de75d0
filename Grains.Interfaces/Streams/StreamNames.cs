namespace OrleansMarketData.Streams;

/// <summary>Names of the Orleans stream provider, its storage and its stream namespaces.</summary>
public static class StreamNames
{
    public const string Provider = "MarketStreams";

    /// <summary>Grain storage the stream pub-sub keeps its subscriptions in.</summary>
    public const string PubSubStore = "PubSubStore";

    /// <summary>1-minute <c>SymbolBar</c>s from the feed, keyed by symbol; implicitly consumed by SymbolGrain.</summary>
    public const string Bars = "bars";

    public static StreamId BarStream(string symbol) => StreamId.Create(Bars, symbol);
}
