using OrleansMarketData.Model;

namespace OrleansMarketData.Calendar;

/// <summary>
/// Market status of a bar from its start time (see <see cref="MarketStatus"/>); a daily bar of a trading day is
/// regular.
/// </summary>
public static class MarketStatusClassifier
{
    public static MarketStatus Classify(this IMarketCalendar calendar, DateTimeOffset barStart, Timeframe timeframe)
    {
        var local = NewYorkTime.ToNewYork(barStart);
        var session = calendar.SessionOn(DateOnly.FromDateTime(local.DateTime));
        if (session is null) return MarketStatus.Closed;
        if (timeframe == Timeframe.Day1) return MarketStatus.Regular;
        var time = TimeOnly.FromDateTime(local.DateTime);
        if (time < session.SessionOpen) return MarketStatus.Closed;
        if (time < session.Open) return MarketStatus.PreMarket;
        if (time < session.Close) return MarketStatus.Regular;
        if (time < session.SessionClose) return MarketStatus.AfterHours;
        return MarketStatus.Closed;
    }

    /// <summary>The most recent regular-session open at or before <paramref name="instant"/>.</summary>
    public static TradingSession LatestOpenSession(this IMarketCalendar calendar, DateTimeOffset instant)
    {
        var date = NewYorkTime.DateOf(instant);
        for (var i = 0; i < 30; i++, date = date.AddDays(-1))
        {
            if (calendar.SessionOn(date) is { } session && session.OpenTime <= instant) return session;
        }
        throw new InvalidOperationException($"No trading session in the 30 days before {instant:O}.");
    }
}
