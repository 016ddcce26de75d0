namespace OrleansMarketData.Model;

/// <summary>The bar intervals served. 1Min bars come from the source; the others are aggregated from them.</summary>
[GenerateSerializer]
public enum Timeframe
{
    Minute1,
    Minute5,
    Minute15,
    Hour1,
    Day1,
}
