using System.Globalization;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.Json;

/// <summary>
/// Formats instants as New York ISO-8601 (<c>2024-01-15T09:30:00-05:00</c>) straight into UTF-8, without a string.
/// A history response formats one timestamp per bar, and converting each through the time-zone rules was the
/// largest cost of writing it. New York changes its offset only on whole UTC hours (02:00 local is 06:00 or 07:00
/// UTC), so the offset of one UTC hour is computed once and remembered for the next bar.
/// </summary>
public static class NewYorkTimestamp
{
    /// <summary>Room for <c>yyyy-MM-ddTHH:mm:ss+hh:mm</c>.</summary>
    public const int MaxBytes = 32;

    private const string Format = "yyyy-MM-dd'T'HH:mm:sszzz";

    [ThreadStatic] private static long _cachedHour;
    [ThreadStatic] private static TimeSpan _cachedOffset;
    [ThreadStatic] private static bool _hasCache;

    /// <summary>Writes the timestamp into <paramref name="destination"/> and returns the number of bytes written.</summary>
    public static int Write(DateTimeOffset instant, Span<byte> destination)
    {
        var local = new DateTimeOffset(instant.UtcDateTime, TimeSpan.Zero).ToOffset(OffsetAt(instant.UtcTicks));
        if (!local.TryFormat(destination, out var written, Format, CultureInfo.InvariantCulture))
            throw new ArgumentException("The destination is too small for a timestamp.", nameof(destination));
        return written;
    }

    private static TimeSpan OffsetAt(long utcTicks)
    {
        var hour = utcTicks / TimeSpan.TicksPerHour;
        if (_hasCache && hour == _cachedHour) return _cachedOffset;
        _cachedOffset = NewYorkTime.Zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc));
        _cachedHour = hour;
        _hasCache = true;
        return _cachedOffset;
    }
}
