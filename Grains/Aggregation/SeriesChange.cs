namespace OrleansMarketData.Aggregation;

/// <summary>What an upsert did to a <see cref="CandleSeries"/>.</summary>
public enum SeriesChange
{
    /// <summary>The bar was already there with the same values.</summary>
    None,

    /// <summary>A new newest bar.</summary>
    Appended,

    /// <summary>The newest bar changed (a forming bar, or a corrected one).</summary>
    RevisedLast,

    /// <summary>An older bar was corrected or arrived late; indicators after it were recomputed.</summary>
    RevisedEarlier,
}
