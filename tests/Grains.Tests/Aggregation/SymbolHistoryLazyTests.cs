using OrleansMarketData.Aggregation;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Aggregation;

/// <summary>
/// As SymbolGrain uses it when a timeframe is asked for after the minutes are live: the timeframe is loaded from the
/// source, then brought up to the minutes applied before and during its load (SymbolHistory.GoLive), each counted once.
/// </summary>
public sealed class SymbolHistoryLazyTests
{
    private static readonly List<Bar> Session = MinuteData.Session(new DateOnly(2025, 6, 10), seed: 31);

    private static Bar Revised(Bar minute) => minute with { High = minute.Open + 0.5, Close = minute.Open + 0.4, Volume = minute.Volume + 7 };

    [Fact]
    public void Timeframe_loaded_later_is_rebuilt_from_the_cached_minutes_that_cover_it()
    {
        var history = new SymbolHistory(new HistoryOptions(), HistoryAssert.Settings, new NyseCalendar(), allLive: false);
        history[Timeframe.Minute1].Load(Session.Take(200).ToList(), holdsFullHistory: true);
        var final = Session.Take(240).ToList();
        // Live before the longer timeframes were asked for: only the minutes take them.
        foreach (var minute in final.Skip(200).Take(30)) Assert.Equal([Timeframe.Minute1], history.Updates(minute).Select(u => u.Timeframe));

        // Held while they loaded, repeated and revised; the source's answer ends at minute 200.
        final[235] = Revised(final[235]);
        List<Bar> held = [.. Session.Skip(230).Take(10), Session[233], final[235]];
        foreach (var minute in held) history.Apply(minute);
        foreach (var timeframe in new[] { Timeframe.Hour1, Timeframe.Day1 })
        {
            history[timeframe].Load(MinuteData.Aggregate(Session.Take(200), timeframe), holdsFullHistory: true);
            history.GoLive(timeframe, held, Session[200].Time);
            Assert.Equal(MinuteData.Aggregate(final, timeframe), history[timeframe].ToCandles().Select(c => c.Bar));
        }

        var next = Session[240];
        final.Add(next);
        Assert.Equal([Timeframe.Minute1, Timeframe.Hour1, Timeframe.Day1], history.Updates(next).Select(u => u.Timeframe));
        Assert.Equal(MinuteData.Aggregate(final, Timeframe.Day1)[^1], history[Timeframe.Day1].Last!.Bar);
    }

    [Fact]
    public void Bucket_older_than_the_cached_minutes_takes_the_held_minutes_the_load_could_not_have_had_once_each()
    {
        // Five minutes cached: today's bucket starts long before them.
        var history = new SymbolHistory(new HistoryOptions { Minute1 = 5 }, HistoryAssert.Settings, new NyseCalendar(), allLive: false);
        history[Timeframe.Minute1].Load(Session.Take(200).ToList(), holdsFullHistory: false);
        var loadedTo = Session[200].Time;
        var final = Session.Take(203).ToList();
        final[202] = Revised(final[202]);
        // One the source had already (before loadedTo), one new minute twice, one new minute and its revision.
        List<Bar> held = [Session[199], Session[200], Session[201], Session[201], Session[202], final[202]];
        foreach (var minute in held) history.Apply(minute);

        history[Timeframe.Day1].Load(MinuteData.Aggregate(Session.Take(200), Timeframe.Day1), holdsFullHistory: false);
        history.GoLive(Timeframe.Day1, held, loadedTo);

        Assert.Equal(MinuteData.Aggregate(final, Timeframe.Day1)[^1], history[Timeframe.Day1].Last!.Bar);
    }
}
