using System.Globalization;
using OrleansMarketData.Calendar;

namespace OrleansMarketData.Tests.Calendar;

/// <summary>The most recent regular-session open at or before an instant (where a fast simulated clock starts).</summary>
public sealed class LatestOpenSessionTests
{
    private readonly NyseCalendar _calendar = new();

    [Theory]
    [InlineData("2025-06-14T16:00Z", "2025-06-13", "2025-06-13T13:30Z")] // Saturday → Friday
    [InlineData("2025-06-15T23:00Z", "2025-06-13", "2025-06-13T13:30Z")] // Sunday evening → Friday
    [InlineData("2025-06-10T13:00Z", "2025-06-09", "2025-06-09T13:30Z")] // Tuesday 09:00 → Monday
    [InlineData("2025-06-10T13:29Z", "2025-06-09", "2025-06-09T13:30Z")] // Tuesday 09:29 → Monday
    [InlineData("2025-06-10T13:30Z", "2025-06-10", "2025-06-10T13:30Z")] // Tuesday 09:30 → today
    [InlineData("2025-06-10T18:00Z", "2025-06-10", "2025-06-10T13:30Z")] // Tuesday 14:00 → today
    [InlineData("2025-06-11T02:00Z", "2025-06-10", "2025-06-10T13:30Z")] // Tuesday 22:00 (Wednesday in UTC) → Tuesday
    [InlineData("2025-01-21T13:00Z", "2025-01-17", "2025-01-17T14:30Z")] // Tuesday 08:00 after MLK Monday → Friday
    [InlineData("2025-03-10T13:00Z", "2025-03-07", "2025-03-07T14:30Z")] // Monday 09:00 EDT → Friday 09:30 EST
    [InlineData("2025-12-26T14:00Z", "2025-12-24", "2025-12-24T14:30Z")] // Friday 09:00 after Christmas → early-close Wednesday
    public void Returns_the_latest_session_that_has_opened(string instant, string date, string open)
    {
        var session = _calendar.LatestOpenSession(Utc.At(instant));
        Assert.Equal(DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture), session.Date);
        Assert.Equal(Utc.At(open), session.OpenTime);
    }
}
