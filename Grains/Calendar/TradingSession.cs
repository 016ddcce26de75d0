using OrleansMarketData.Model;

namespace OrleansMarketData.Calendar;

/// <summary>The hours of one trading day, in New York time: pre-market from <see cref="SessionOpen"/>,
/// regular hours from <see cref="Open"/> to <see cref="Close"/>, after-hours until <see cref="SessionClose"/>.</summary>
public sealed record TradingSession(DateOnly Date, TimeOnly SessionOpen, TimeOnly Open, TimeOnly Close, TimeOnly SessionClose)
{
    public static readonly TimeOnly DefaultSessionOpen = new(4, 0);
    public static readonly TimeOnly DefaultOpen = new(9, 30);
    public static readonly TimeOnly DefaultClose = new(16, 0);
    public static readonly TimeOnly DefaultSessionClose = new(20, 0);

    public bool IsEarlyClose => Close < DefaultClose;

    public DateTimeOffset SessionOpenTime { get; } = NewYorkTime.At(Date, SessionOpen);
    public DateTimeOffset OpenTime { get; } = NewYorkTime.At(Date, Open);
    public DateTimeOffset CloseTime { get; } = NewYorkTime.At(Date, Close);
    public DateTimeOffset SessionCloseTime { get; } = NewYorkTime.At(Date, SessionClose);
}
