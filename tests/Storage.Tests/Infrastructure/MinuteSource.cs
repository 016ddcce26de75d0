using OrleansMarketData.Calendar;
using OrleansMarketData.Sources;

namespace OrleansMarketData.Storage.Tests.Infrastructure;

/// <summary>
/// A source whose every minute has a bar, closing at 200 plus the minute's index from <see cref="Rows.Open"/>; its
/// clock reads a day later unless set, so every range asked for has ended. It can be made to fail its next range reads, as an
/// upstream that answers 500 would. Only range reads are needed by the code it serves.
/// </summary>
public sealed class MinuteSource : IMarketDataSource
{
    private int _failuresLeft;

    public string FeedName => "minutes";
    public bool IsAlpaca => false;
    public IMarketCalendar Calendar { get; } = new NyseCalendar();
    public DateTimeOffset Now { get; set; } = Rows.Open.AddDays(1);

    public List<BarRange> Asked { get; } = [];

    public void FailNext(int count) => _failuresLeft = count;

    public static Bar BarAt(DateTimeOffset minute)
    {
        var close = 200 + (minute - Rows.Open).TotalMinutes;
        return new Bar(minute, close - 0.5, close + 1, close - 1, close, 500);
    }

    public Task<IReadOnlyList<Bar>> GetBarsBetweenAsync(string symbol, Timeframe timeframe, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        Asked.Add(new BarRange(symbol, timeframe, from, to));
        if (_failuresLeft > 0)
        {
            _failuresLeft--;
            throw new HttpRequestException("the upstream answered 500");
        }
        var bars = new List<Bar>();
        for (var minute = from; minute < to; minute = minute.AddMinutes(1)) bars.Add(BarAt(minute));
        return Task.FromResult<IReadOnlyList<Bar>>(bars);
    }

    public ValueTask<bool> IsKnownSymbolAsync(string symbol, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<BarHistory> GetBarsAsync(string symbol, Timeframe timeframe, int count, DateTimeOffset asOf, CancellationToken cancellationToken) =>
        throw new NotSupportedException();

    public ILiveBarFeed OpenLiveFeed() => throw new NotSupportedException();
}
