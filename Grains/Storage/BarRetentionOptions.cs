using OrleansMarketData.Model;

namespace OrleansMarketData.Storage;

/// <summary>
/// <c>BarStore:Retention</c>: how long bars of each timeframe are kept, by bar start. A TimeSpan, where a whole
/// number alone is days ("90" is 90 days, "12:00:00" is 12 hours); zero keeps them forever.
/// </summary>
public sealed class BarRetentionOptions
{
    public TimeSpan Minute1 { get; set; } = TimeSpan.FromDays(90);
    public TimeSpan Minute5 { get; set; } = TimeSpan.FromDays(180);
    public TimeSpan Minute15 { get; set; } = TimeSpan.FromDays(365);
    public TimeSpan Hour1 { get; set; } = TimeSpan.FromDays(730);
    public TimeSpan Day1 { get; set; } = TimeSpan.Zero;

    public TimeSpan For(Timeframe timeframe) => timeframe switch
    {
        Timeframe.Minute1 => Minute1,
        Timeframe.Minute5 => Minute5,
        Timeframe.Minute15 => Minute15,
        Timeframe.Hour1 => Hour1,
        _ => Day1,
    };
}
