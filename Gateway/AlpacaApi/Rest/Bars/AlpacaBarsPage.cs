using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Bars;

/// <summary>One page of an Alpaca bars answer: per symbol in response order, and where the next page starts (null on the last).</summary>
public sealed record AlpacaBarsPage(IReadOnlyList<KeyValuePair<string, IReadOnlyList<Bar>>> Series, PageToken? Next);
