using System.Diagnostics.CodeAnalysis;

namespace OrleansMarketData.Model;

/// <summary>Names and lengths of <see cref="Timeframe"/> values, as the public API spells them.</summary>
public static class Timeframes
{
    public static IReadOnlyList<Timeframe> All { get; } = Enum.GetValues<Timeframe>();

    public static IReadOnlyList<string> Names { get; } = ["1Min", "5Min", "15Min", "1Hour", "1Day"];

    public static string Name(this Timeframe timeframe) => Names[(int)timeframe];

    /// <summary>Parses an API name (case-insensitive), e.g. "5Min" or "1day".</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Timeframe? timeframe)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], text, StringComparison.OrdinalIgnoreCase))
            {
                timeframe = (Timeframe)i;
                return true;
            }
        }
        timeframe = null;
        return false;
    }

    /// <summary>An intraday timeframe's length, and 24 hours for a day: enough for any session, where a bound is wanted.</summary>
    public static TimeSpan LengthAtMost(this Timeframe timeframe) =>
        timeframe == Timeframe.Day1 ? TimeSpan.FromDays(1) : timeframe.IntradayLength();

    /// <summary>Length of an intraday timeframe; a day is not a fixed length in New York time.</summary>
    public static TimeSpan IntradayLength(this Timeframe timeframe) => timeframe switch
    {
        Timeframe.Minute1 => new TimeSpan(TimeSpan.TicksPerMinute),
        Timeframe.Minute5 => new TimeSpan(5 * TimeSpan.TicksPerMinute),
        Timeframe.Minute15 => new TimeSpan(15 * TimeSpan.TicksPerMinute),
        Timeframe.Hour1 => new TimeSpan(TimeSpan.TicksPerHour),
        _ => throw new ArgumentOutOfRangeException(nameof(timeframe), timeframe, "a day has no fixed length"),
    };
}
