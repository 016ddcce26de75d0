using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>A bar as the stream sends it: <c>b</c> (new minute), <c>u</c> (a minute revised) or <c>d</c> (the day so far).</summary>
public readonly record struct StreamBar(char Type, Bar Bar);
