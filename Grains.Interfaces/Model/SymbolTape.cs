namespace OrleansMarketData.Model;

/// <summary>One symbol's part of a page: its trades or its quotes (the other list is empty), in the page's order.</summary>
[GenerateSerializer, Immutable]
public sealed record SymbolTape(
    [property: Id(0)] string Symbol,
    [property: Id(1)] IReadOnlyList<Trade> Trades,
    [property: Id(2)] IReadOnlyList<Quote> Quotes);
