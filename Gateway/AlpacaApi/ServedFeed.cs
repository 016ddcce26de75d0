using OrleansMarketData.Hosting;
using OrleansMarketData.Sources.Simulated;

namespace OrleansMarketData.Gateway.AlpacaApi;

/// <summary>
/// The one Alpaca feed this cluster serves (docs/alpaca-compatibility.md): its Alpaca source's feed, the last segment
/// of <c>Alpaca:StreamUrl</c> (<c>iex</c>, <c>sip</c>, ...), or <c>iex</c> for the simulator, whose bars are shaped like
/// a single exchange's. Requests for any other feed are refused rather than answered with this one's data.
/// </summary>
public sealed record ServedFeed(string Name)
{
    /// <summary>The feed the simulator's data is served as.</summary>
    public const string Simulated = "iex";

    public static ServedFeed Of(FeedName feed) => new(feed.Name == SimulatedSource.Feed ? Simulated : feed.Name);
}
