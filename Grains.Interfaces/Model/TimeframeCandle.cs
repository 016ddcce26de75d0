namespace OrleansMarketData.Model;

/// <summary>The new or revised newest candle of one timeframe, as a <see cref="CandleBatch"/> carries it.</summary>
[GenerateSerializer, Immutable]
public sealed record TimeframeCandle(
    [property: Id(0)] Timeframe Timeframe,
    [property: Id(1)] Candle Candle);
