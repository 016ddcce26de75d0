using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Parameters;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Rest.Trades;

/// <summary>
/// Reads the parameters of Alpaca's historical trades and quotes routes: those of the bar routes less
/// <c>timeframe</c> and <c>adjustment</c> (../shared/reference/alpaca-protocol.md, 2.5). The page token is the source's,
/// checked where it is read.
/// </summary>
public static class TapeRequest
{
    public static readonly string[] Parameters = ["start", "end", "limit", "page_token", "sort", "feed", "currency", "asof"];

    public static TapeQuery Single(TapeKind kind, string symbol, IQueryCollection query, ServedFeed served) =>
        From(kind, [AlpacaQuery.Symbol(symbol)], new AlpacaQuery(query, Parameters).Feed(served));

    public static TapeQuery Multi(TapeKind kind, IQueryCollection query, ServedFeed served)
    {
        var parameters = new AlpacaQuery(query, [.. Parameters, "symbols"]).Feed(served);
        return From(kind, parameters.Symbols(), parameters);
    }

    private static TapeQuery From(TapeKind kind, IReadOnlyList<string> symbols, AlpacaQuery query)
    {
        var start = query.Time("start", endOfDay: false);
        var end = query.Time("end", endOfDay: true);
        if (start > end) throw AlpacaRequestRefused.Unprocessable("start must not be after end");
        var token = query["page_token"];
        if (token is { Length: 0 or > 500 }) throw AlpacaRequestRefused.BadRequest("invalid page_token: pass the next_page_token of the previous answer");
        return new TapeQuery(kind, symbols, start, end, query.Limit(), query.Descending(), token);
    }
}
