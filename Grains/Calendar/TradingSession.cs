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

    public DateTimeOffset OpenTime => NewYorkTime.At(Date, Open);
    public DateTimeOffset SessionOpenTime => NewYorkTime.At(Date, SessionOpen);
    public DateTimeOffset SessionCloseTime => NewYorkTime.At(Date, SessionClose);
}
