using OrleansMarketData.Model;

namespace OrleansMarketData.Storage;

/// <summary>
/// How a timeframe is kept in a row: its length in minutes (a day as 1440), independent of the order of
/// <see cref="Timeframe"/>'s members so that stored rows never change meaning.
/// </summary>
internal static class TimeframeCodes
{
    public static short Code(Timeframe timeframe) => timeframe switch
    {
        Timeframe.Minute1 => 1,
        Timeframe.Minute5 => 5,
        Timeframe.Minute15 => 15,
        Timeframe.Hour1 => 60,
        Timeframe.Day1 => 1440,
        _ => throw new ArgumentOutOfRangeException(nameof(timeframe), timeframe, "no stored code"),
    };

    public static Timeframe FromCode(long code) => code switch
    {
        1 => Timeframe.Minute1,
        5 => Timeframe.Minute5,
        15 => Timeframe.Minute15,
        60 => Timeframe.Hour1,
        1440 => Timeframe.Day1,
        _ => throw new InvalidDataException($"stored timeframe code {code} is unknown"),
    };
}
