namespace OrleansMarketData.Model;

/// <summary>Which of a symbol's tapes a read is about: its trades or its quotes.</summary>
[GenerateSerializer]
public enum TapeKind
{
    Trades,
    Quotes,
}
