namespace OrleansMarketData.Gateway.AlpacaApi;

/// <summary>
/// Settings of the Alpaca-compatible endpoints (<c>/v2/{feed}</c> stream, <c>/v2/stocks/...</c> REST), bound from
/// <c>AlpacaApi</c>. The keys their clients present are <c>ClientAuth</c>'s.
/// </summary>
public sealed class AlpacaApiOptions
{
    public const string Section = "AlpacaApi";

    /// <summary>How long a stream client has to authenticate before it gets error 404 "auth timeout".</summary>
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Symbols one stream connection may subscribe to, over all channels; more is error 405.</summary>
    public int MaxSymbolsPerConnection { get; set; } = 1000;

    /// <summary>Largest stream client message, in bytes: room for a subscribe of the maximum number of symbols.</summary>
    public int MaxMessageBytes { get; set; } = 65_536;
}
