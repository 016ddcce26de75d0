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

    /// <summary>
    /// The bar is not newer than every bar the series has already folded into its indicator checkpoint, so it was
    /// left out (see <see cref="CandleSeries.Upsert(in CandleRow)"/>); nothing changed.
    /// </summary>
    BeforeCache,
}
