using OrleansMarketData.Gateway.AlpacaApi.Rest.Json;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Parameters;
using OrleansMarketData.Gateway.OpenApi;
using OrleansMarketData.Gateway.OpenApi.Schemas;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Clock;

/// <summary>
/// Alpaca's trading-API clock and calendar, from the cluster's source, so that a client (or another cluster using
/// this one as its upstream) sees the same market hours and the same, possibly fast, market time as the bars.
/// </summary>
public static class ClockEndpoints
{
    /// <summary>Alpaca's calendar covers 1970 to 2029; without bounds, so does this one.</summary>
    private static readonly DateOnly DefaultStart = new(1970, 1, 1);
    private static readonly DateOnly DefaultEnd = new(2029, 12, 31);

    public static IEndpointRouteBuilder MapAlpacaClock(this IEndpointRouteBuilder v2)
    {
        v2.MapGet("/clock", GetClockAsync)
            .DescribeAlpaca<AlpacaClockSchema>("GetAlpacaClock", "The market clock",
                "Alpaca's trading clock at the cluster's market time.", StatusCodes.Status400BadRequest)
            .WithParameters();
        v2.MapGet("/calendar", GetCalendarAsync)
            .DescribeAlpaca<AlpacaCalendarDaySchema[]>("GetAlpacaCalendar", "Trading days",
                "Alpaca's calendar: trading days with their hours, between start and end inclusive.", StatusCodes.Status400BadRequest)
            .WithParameters(RouteParameters.Alpaca.CalendarStart, RouteParameters.Alpaca.CalendarEnd, RouteParameters.Alpaca.DateType);
        return v2;
    }

    private static async Task<IResult> GetClockAsync(HttpRequest request, IClusterClient client)
    {
        _ = new AlpacaQuery(request.Query);
        return AlpacaJson.Clock(await client.GetGrain<IMarketCalendarGrain>(0).GetClock());
    }

    /// <summary>
    /// <c>date_type=SETTLEMENT</c> selects days by their settlement date instead of their trading date, as at Alpaca.
    /// </summary>
    private static async Task<IResult> GetCalendarAsync(HttpRequest request, IClusterClient client)
    {
        var query = new AlpacaQuery(request.Query, "start", "end", "date_type");
        var start = query.Date("start") ?? DefaultStart;
        var end = query.Date("end") ?? (start > DefaultEnd ? start : DefaultEnd);
        var bySettlement = query["date_type"]?.ToUpperInvariant() switch
        {
            null or "TRADING" => false,
            "SETTLEMENT" => true,
            _ => throw Errors.AlpacaRequestRefused.BadRequest(
                $"invalid date_type '{AlpacaQuery.Shorten(query["date_type"]!)}': expected TRADING or SETTLEMENT"),
        };
        if (start > end) return AlpacaJson.Calendar([]);
        // Settlement follows a trade by at most three trading days, a week with holidays.
        var days = await client.GetGrain<IMarketCalendarGrain>(0).GetTradingDays(bySettlement ? SafeAddDays(start, -7) : start, end);
        return AlpacaJson.Calendar(bySettlement ? days.Where(d => d.SettlementDate >= start && d.SettlementDate <= end) : days);
    }

    private static DateOnly SafeAddDays(DateOnly date, int days) => date.DayNumber + days < 0 ? DateOnly.MinValue : date.AddDays(days);
}
