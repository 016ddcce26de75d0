using System.Globalization;

namespace OrleansMarketData.Tests.Calendar;

internal static class Utc
{
    /// <summary>Parses "2025-06-10T13:30Z" style text as a UTC instant.</summary>
    public static DateTimeOffset At(string text) =>
        DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
