namespace OrleansMarketData.Model;

/// <summary>Conversions between UTC instants and America/New_York wall-clock time.</summary>
public static class NewYorkTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>The instant with New York's offset, e.g. 2024-01-15T09:30:00-05:00.</summary>
    public static DateTimeOffset ToNewYork(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateOnly DateOf(DateTimeOffset instant) => DateOnly.FromDateTime(ToNewYork(instant).DateTime);

    /// <summary>The UTC instant of a New York wall-clock time. Session times never fall in a DST gap or overlap.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }

    public static DateTimeOffset StartOfDay(DateOnly date) => At(date, TimeOnly.MinValue);
}
