namespace OrleansMarketData.Model;

/// <summary>
/// The periods of a candle's three moving averages (<see cref="Candle.MaShort"/>, <see cref="Candle.MaMedium"/>,
/// <see cref="Candle.MaLong"/>), which name them in the API (<c>MA40</c>, <c>MA80</c>, <c>MA160</c> by default). They
/// travel with the candles, so whoever writes them labels them as the silo that computed them configured them.
/// </summary>
[GenerateSerializer, Immutable]
public readonly record struct MovingAveragePeriods(
    [property: Id(0)] int Short,
    [property: Id(1)] int Medium,
    [property: Id(2)] int Long);
