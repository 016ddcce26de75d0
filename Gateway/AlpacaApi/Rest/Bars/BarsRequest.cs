using OrleansMarketData.Gateway.AlpacaApi.Rest.Parameters;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Bars;

/// <summary>A validated historical-bars request: symbols in response order, range, limit over all symbols, order, page.</summary>
public sealed record BarsRequest(
    IReadOnlyList<string> Symbols, Timeframe Timeframe, DateTimeOffset? Start, DateTimeOffset? End, int Limit, bool Descending, PageToken? Page)
{
    private static readonly string[] Common = ["timeframe", "start", "end", "limit", "page_token", "sort", "feed", "adjustment", "asof", "currency"];

    public static BarsRequest Single(string symbol, IQueryCollection query, ServedFeed served) =>
        From([AlpacaQuery.Symbol(symbol)], new AlpacaQuery(query, Common).Feed(served));

    public static BarsRequest Multi(IQueryCollection query, ServedFeed served)
    {
        var parameters = new AlpacaQuery(query, [.. Common, "symbols"]).Feed(served);
        return From(parameters.Symbols(), parameters);
    }

    private static BarsRequest From(IReadOnlyList<string> symbols, AlpacaQuery query)
    {
        var timeframe = AlpacaTimeframe.Parse(query["timeframe"]);
        var start = query.Time("start", endOfDay: false);
        var end = query.Time("end", endOfDay: true);
        if (start > end) throw Errors.AlpacaRequestRefused.Unprocessable("start must not be after end");
        return new BarsRequest(symbols, timeframe, start, end, query.Limit(), query.Descending(), PageToken.Decode(query["page_token"], symbols));
    }
}
