using Microsoft.OpenApi;
using OrleansMarketData.Gateway.Api;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.OpenApi;

/// <summary>
/// The parameters of the REST routes, as <see cref="RequestValidation"/> and the Alpaca query reader
/// (AlpacaApi/Rest/Parameters/AlpacaQuery.cs) accept them. tests/Gateway.Tests/OpenApi checks each route's declared
/// query parameters against those it accepts.
/// </summary>
public static class RouteParameters
{
    public const string SymbolPattern = "^[A-Za-z][A-Za-z0-9.\\-]{0,9}$";

    public static readonly ApiParameter Symbol = new("symbol", JsonSchemaType.String,
        "A ticker: 1 to 10 characters, a letter then letters, digits, '.' or '-'; case-insensitive.",
        ParameterLocation.Path, Pattern: SymbolPattern);

    public static readonly ApiParameter Timeframe = new("timeframe", JsonSchemaType.String,
        "The candle width.", Default: Timeframes.Names[0], Values: Timeframes.Names);

    public static readonly ApiParameter Limit = new("limit", JsonSchemaType.Integer,
        "How many of the newest candles.", Default: RequestValidation.DefaultLimit, Minimum: 1, Maximum: RequestValidation.MaxLimit, Format: "int32");

    /// <summary>Alpaca's parameters, with Alpaca's names and spellings.</summary>
    public static class Alpaca
    {
        public static readonly ApiParameter Symbols = new("symbols", JsonSchemaType.String,
            "Comma-separated tickers: AAPL,MSFT.", Required: true);

        public static readonly ApiParameter Timeframe = new("timeframe", JsonSchemaType.String,
            "Bar width, Alpaca's spelling: 1Min (1T), 5Min (5T), 15Min (15T), 1Hour (1H), 1Day (1D).", Required: true,
            Pattern: "^[0-9]{1,2}(Min|T|Hour|H|Day|D|Week|W|Month|M)$");

        public static readonly ApiParameter Start = new("start", JsonSchemaType.String,
            "First bar time, inclusive: RFC-3339, or a date meaning that New York day's first instant.");

        public static readonly ApiParameter End = new("end", JsonSchemaType.String,
            "Last bar time, inclusive: RFC-3339, or a date meaning that New York day's last instant.");

        public static readonly ApiParameter Limit = new("limit", JsonSchemaType.Integer,
            "Bars per page, over all symbols.", Default: 1000, Minimum: 1, Maximum: 10_000, Format: "int32");

        public static readonly ApiParameter PageToken = new("page_token", JsonSchemaType.String,
            "The next_page_token of the previous page.");

        public static readonly ApiParameter Sort = new("sort", JsonSchemaType.String,
            "Order by time.", Default: "asc", Values: ["asc", "desc"]);

        public static readonly ApiParameter Feed = new("feed", JsonSchemaType.String,
            "The cluster serves one feed (iex on the simulator, else its Alpaca source's); another is a 422 naming it.", Values: ["sip", "iex", "delayed_sip", "boats", "otc", "overnight"]);

        public static readonly ApiParameter Adjustment = new("adjustment", JsonSchemaType.String,
            "Only raw: bars are not adjusted, and split, dividend, spin-off or all (or a list of them) is a 422.");

        public static readonly ApiParameter AsOf = new("asof", JsonSchemaType.String,
            "Accepted for compatibility: a date YYYY-MM-DD or -.");

        public static readonly ApiParameter Currency = new("currency", JsonSchemaType.String,
            "Accepted for compatibility: USD, the only currency served.", Values: ["USD"]);

        public static readonly ApiParameter CalendarStart = new("start", JsonSchemaType.String,
            "First day, YYYY-MM-DD.", Default: "1970-01-01", Format: "date");

        public static readonly ApiParameter CalendarEnd = new("end", JsonSchemaType.String,
            "Last day, YYYY-MM-DD.", Default: "2029-12-31", Format: "date");

        public static readonly ApiParameter DateType = new("date_type", JsonSchemaType.String,
            "Select days by trading date or by settlement date.", Default: "TRADING", Values: ["TRADING", "SETTLEMENT"]);

        public static readonly ApiParameter Rest = new("rest", JsonSchemaType.String,
            "The rest of a path not served.", ParameterLocation.Path);

        public static ApiParameter[] Bars(bool multi) =>
            [.. multi ? [Symbols] : new[] { Symbol }, Timeframe, Start, End, Limit, PageToken, Sort, Feed, Adjustment, AsOf, Currency];

        /// <summary>Historical trades or quotes: the bars' parameters less timeframe and adjustment.</summary>
        public static ApiParameter[] Tape(bool multi) =>
            [.. multi ? [Symbols] : new[] { Symbol },
                Start.Describe("First time, inclusive: RFC-3339, or a date meaning that New York day's first instant; default the start of today."),
                End.Describe("Last time, inclusive: RFC-3339, or a date meaning that New York day's last instant; default now."),
                Limit.Describe("Items per page, over all symbols."), PageToken, Sort, Feed, AsOf, Currency];

        public static ApiParameter[] Latest(bool multi) => [.. multi ? [Symbols] : new[] { Symbol }, Feed, Currency];
    }
}
