namespace OrleansMarketData.Model;

/// <summary>How a trades or quotes read went.</summary>
[GenerateSerializer]
public enum TapeState
{
    Ready,

    /// <summary>The request cannot be answered as asked (a page token that is not one, or the upstream refused it).</summary>
    Refused,

    /// <summary>The source could not be read now; retry later.</summary>
    Unavailable,
}
