using Microsoft.Extensions.Logging;
using OrleansMarketData.Calendar;
using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// Alpaca's trading calendar (one request covers years), refreshed daily. Until it has loaded, and for dates it
/// does not cover, the built-in NYSE rules answer.
/// </summary>
public sealed partial class AlpacaCalendar(NyseCalendar rules, TimeProvider time, ILogger<AlpacaCalendar> logger) : IMarketCalendar
{
    private static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(12);
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Loaded? _loaded;

    public TradingSession? SessionOn(DateOnly date) =>
        _loaded is { } loaded && date >= loaded.From && date <= loaded.To
            ? loaded.Days.GetValueOrDefault(date)
            : rules.SessionOn(date);

    /// <summary>Loads the calendar when it is missing or old; a failure keeps the previous one (or the rules).</summary>
    public async Task EnsureFreshAsync(AlpacaRestClient rest, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_loaded is { } current && now - current.At < RefreshEvery) return;
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (_loaded is { } again && now - again.At < RefreshEvery) return;
            var today = NewYorkTime.DateOf(now);
            var (from, to) = (today.AddYears(-8), today.AddYears(1));
            var days = await rest.GetCalendarAsync(from, to, cancellationToken);
            _loaded = new Loaded(now, from, to, days.ToDictionary(d => d.Date));
            LogLoaded(logger, days.Count, from, to);
        }
        catch (AlpacaRequestException ex)
        {
            LogFailed(logger, ex.Message);
        }
        finally
        {
            _refresh.Release();
        }
    }

    private sealed record Loaded(DateTimeOffset At, DateOnly From, DateOnly To, Dictionary<DateOnly, TradingSession> Days);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alpaca calendar: {DayCount} trading days from {From} to {To}")]
    private static partial void LogLoaded(ILogger logger, int dayCount, DateOnly from, DateOnly to);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alpaca calendar could not be loaded ({Reason}); using the built-in NYSE rules")]
    private static partial void LogFailed(ILogger logger, string reason);
}
