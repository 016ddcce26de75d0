using Orleans.Concurrency;
using OrleansMarketData.Model;
using OrleansMarketData.Sources;

namespace OrleansMarketData.Calendar;

/// <summary>
/// Answers clock and calendar questions from the silo's market-data source: its clock (which the simulator may run
/// fast) and its calendar (Alpaca's where connected, else the NYSE rules). Stateless, so every silo answers locally.
/// </summary>
[StatelessWorker]
public sealed class MarketCalendarGrain(IMarketDataSource source) : Grain, IMarketCalendarGrain
{
    /// <summary>No gap between trading days is this long, so a walk this far finds the next session or none exists.</summary>
    private const int MaxDaysAhead = 30;

    /// <summary>US equities settled T+3 until 2017-09-05, T+2 until 2024-05-28, T+1 since.</summary>
    private static readonly DateOnly TPlus2From = new(2017, 9, 5);
    private static readonly DateOnly TPlus1From = new(2024, 5, 28);

    public ValueTask<MarketClock> GetClock()
    {
        var now = source.Now;
        var calendar = source.Calendar;
        var today = NewYorkTime.DateOf(now);
        var isOpen = calendar.SessionOn(today) is { } session && now >= session.OpenTime && now < session.CloseTime;
        DateTimeOffset? nextOpen = null, nextClose = null;
        for (var i = 0; i <= MaxDaysAhead && (nextOpen is null || nextClose is null); i++)
        {
            if (calendar.SessionOn(today.AddDays(i)) is not { } day) continue;
            if (nextOpen is null && day.OpenTime > now) nextOpen = day.OpenTime;
            if (nextClose is null && day.CloseTime > now) nextClose = day.CloseTime;
        }
        return ValueTask.FromResult(new MarketClock(now, isOpen, nextOpen ?? now, nextClose ?? now));
    }

    public ValueTask<IReadOnlyList<TradingDay>> GetTradingDays(DateOnly start, DateOnly end)
    {
        var calendar = source.Calendar;
        var days = new List<TradingDay>();
        for (var date = start; date <= end; date = date.AddDays(1))
        {
            if (calendar.SessionOn(date) is not { } session) continue;
            days.Add(new TradingDay(date, session.SessionOpen, session.Open, session.Close, session.SessionClose, Settlement(calendar, date)));
            if (date == DateOnly.MaxValue) break;
        }
        return ValueTask.FromResult<IReadOnlyList<TradingDay>>(days);
    }

    private static DateOnly Settlement(IMarketCalendar calendar, DateOnly trade)
    {
        var cycle = trade >= TPlus1From ? 1 : trade >= TPlus2From ? 2 : 3;
        var date = trade;
        for (var counted = 0; counted < cycle; )
        {
            date = date.AddDays(1);
            if (calendar.SessionOn(date) is not null) counted++;
        }
        return date;
    }
}
