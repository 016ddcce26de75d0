using OrleansMarketData.Model;

namespace OrleansMarketData.Calendar;

/// <summary>
/// Classifies bar starts of one timeframe exactly as <see cref="MarketStatusClassifier.Classify"/> does, remembering
/// the UTC bounds of the last New York day it saw: consecutive bars fall on the same day, and the time-zone
/// conversion and calendar lookup were the largest cost of a live 1-minute bar. Within a day New York wall-clock
/// order is UTC order (clocks change at 02:00, outside every session), so comparing UTC ticks gives the same answer.
/// </summary>
public sealed class MarketStatusCache(IMarketCalendar calendar, Timeframe timeframe)
{
    private long _dayStart = long.MaxValue;
    private long _dayEnd = long.MinValue;
    private bool _trading;
    private long _sessionOpen;
    private long _open;
    private long _close;
    private long _sessionClose;

    public MarketStatus Classify(long utcTicks)
    {
        if (utcTicks < _dayStart || utcTicks >= _dayEnd) LoadDay(utcTicks);
        if (!_trading) return MarketStatus.Closed;
        if (timeframe == Timeframe.Day1) return MarketStatus.Regular;
        if (utcTicks < _sessionOpen) return MarketStatus.Closed;
        if (utcTicks < _open) return MarketStatus.PreMarket;
        if (utcTicks < _close) return MarketStatus.Regular;
        if (utcTicks < _sessionClose) return MarketStatus.AfterHours;
        return MarketStatus.Closed;
    }

    private void LoadDay(long utcTicks)
    {
        var date = NewYorkTime.DateOf(new DateTimeOffset(utcTicks, TimeSpan.Zero));
        _dayStart = NewYorkTime.StartOfDay(date).UtcTicks;
        _dayEnd = NewYorkTime.StartOfDay(date.AddDays(1)).UtcTicks;
        var session = calendar.SessionOn(date);
        _trading = session is not null;
        if (session is null) return;
        _sessionOpen = session.SessionOpenTime.UtcTicks;
        _open = session.OpenTime.UtcTicks;
        _close = session.CloseTime.UtcTicks;
        _sessionClose = session.SessionCloseTime.UtcTicks;
    }
}
