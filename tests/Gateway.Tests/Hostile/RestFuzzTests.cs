using System.Text;

namespace OrleansMarketData.Gateway.Tests.Hostile;

/// <summary>
/// Every parameter of every REST route, one at a time and all at once, with hostile values (<see cref="FuzzValues"/>)
/// while the others stay valid, and every parameter repeated. Each answer must be below 500, JSON, and free of
/// stack traces and internal names. Seeds are fixed; a failure names its seed and request.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class RestFuzzTests(HostileGateway gateway)
{
    private const int ValuesPerParameter = 60;
    private static readonly string[] BarParameters = ["timeframe", "start", "end", "limit", "page_token", "sort", "feed", "adjustment", "asof", "currency"];
    private static readonly string[] TapeParameters = ["start", "end", "limit", "page_token", "sort", "feed", "asof", "currency"];

    /// <summary>A route, its valid query (which the fuzzing departs from) and the valid values its parameters draw on.</summary>
    public sealed record Route(string Path, string Query, string[] Parameters);

    private static readonly Dictionary<string, string[]> ValidValues = new()
    {
        ["symbol"] = ["AAPL", "MSFT", "BRK.B", "ZZTOP"],
        ["symbols"] = ["AAPL", "MSFT", "TSLA", "ZZTOP"],
        ["timeframe"] = ["1Min", "5Min", "15Min", "1Hour", "1Day", "1T", "59T", "1Month", "1W"],
        ["limit"] = ["1", "5", "10000"],
        ["start"] = ["2024-01-16", "2024-01-16T14:30:00Z", "2024-01-16T09:30:00-05:00"],
        ["end"] = ["2024-01-16", "2024-01-16T15:30:00Z"],
        ["page_token"] = [Convert.ToBase64String(Encoding.UTF8.GetBytes("AAPL|2024-01-16T14:30:00.0000000Z"))],
        ["sort"] = ["asc", "desc"],
        ["feed"] = ["iex", "sip"],
        ["adjustment"] = ["raw", "split", "all"],
        ["asof"] = ["-", "2024-01-16"],
        ["currency"] = ["USD"],
        ["date_type"] = ["TRADING", "SETTLEMENT"],
    };

    public static readonly TheoryData<int, Route> Routes = new()
    {
        { 101, new Route("/api/symbols/{symbol}/historical", "timeframe=1Min&limit=5", ["timeframe", "limit"]) },
        { 102, new Route("/api/symbols/{symbol}/latest", "", []) },
        { 103, new Route("/api/health", "", []) },
        { 104, new Route("/health/live", "", []) },
        { 105, new Route("/health/ready", "", []) },
        { 106, new Route("/v2/stocks/{symbol}/bars", "timeframe=1Min&limit=5", BarParameters) },
        { 107, new Route("/v2/stocks/bars", "symbols=AAPL,MSFT&timeframe=1Day&limit=5", [.. BarParameters, "symbols"]) },
        { 108, new Route("/v2/stocks/bars/latest", "symbols=AAPL,MSFT", ["symbols", "feed", "currency"]) },
        { 109, new Route("/v2/stocks/{symbol}/bars/latest", "feed=iex", ["feed", "currency"]) },
        { 110, new Route("/v2/clock", "", []) },
        { 111, new Route("/v2/calendar", "start=2024-01-01&end=2024-01-31", ["start", "end", "date_type"]) },
        { 112, new Route("/v2/stocks/{symbol}/quotes", "limit=5", TapeParameters) },
        { 113, new Route("/v2/iex", "", []) },
        { 114, new Route("/ws/candles/{symbol}", "timeframe=1Min&limit=5", ["timeframe", "limit"]) },
        { 115, new Route("/v2/stocks/trades", "symbols=AAPL,MSFT&limit=5", [.. TapeParameters, "symbols"]) },
        { 116, new Route("/v2/stocks/{symbol}/trades/latest", "", ["feed", "currency"]) },
        { 117, new Route("/v2/stocks/snapshots", "symbols=AAPL,MSFT", ["symbols", "feed", "currency"]) },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Hostile_parameter_values_get_a_clean_json_answer_below_500(int seed, Route route)
    {
        var values = new FuzzValues(seed);
        var problems = new List<string>();
        var parameters = route.Parameters.Append("unexpected_" + seed).ToList();
        if (route.Path.Contains("{symbol}")) parameters.Add("{symbol}");

        foreach (var parameter in parameters)
        {
            var valid = ValidValues.GetValueOrDefault(parameter.Trim('{', '}')) ?? [];
            foreach (var value in FuzzValues.Edges.Concat(Enumerable.Range(0, ValuesPerParameter).Select(_ => values.Next(valid))))
            {
                await CheckAsync(problems, parameter == "{symbol}" ? Request(route, route.Query, symbol: value) : Request(route, Set(route.Query, parameter, value)));
            }
        }
        // Everything hostile at once.
        for (var i = 0; i < ValuesPerParameter; i++)
        {
            var query = route.Parameters.Aggregate("", (q, p) => Set(q, p, values.Next(ValidValues.GetValueOrDefault(p) ?? [])));
            await CheckAsync(problems, Request(route, query, symbol: values.Next(ValidValues["symbol"])));
        }
        Assert.True(problems.Count == 0, $"seed {seed}: {problems.Count} bad answers, e.g.:\n{string.Join("\n", problems.Take(10))}");
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Repeated_parameters_get_a_clean_json_answer_below_500(int seed, Route route)
    {
        var values = new FuzzValues(seed);
        var problems = new List<string>();
        foreach (var parameter in route.Parameters.Append("unexpected"))
        {
            var valid = ValidValues.GetValueOrDefault(parameter) ?? ["1"];
            foreach (var times in new[] { 2, 3, 100 })
            {
                var repeated = string.Join("&", Enumerable.Range(0, times).Select(_ => $"{parameter}={values.Pick(valid)}"));
                await CheckAsync(problems, Request(route, Join(route.Query, repeated)));
            }
        }
        Assert.True(problems.Count == 0, $"seed {seed}: {problems.Count} bad answers, e.g.:\n{string.Join("\n", problems.Take(10))}");
    }

    /// <summary>Beyond the server's request-line and header limits: refused before routing, with a 4xx that echoes nothing.</summary>
    [Fact]
    public async Task A_hundred_kilobyte_parameter_or_header_is_refused_with_a_4xx()
    {
        var huge = new string('A', 100 * 1024);
        foreach (var path in new[] { $"/api/symbols/AAPL/historical?limit={huge}", $"/v2/stocks/bars?symbols={huge}", $"/api/symbols/{huge}/latest" })
        {
            using var response = await gateway.Http.GetAsync(path);
            var body = await response.Content.ReadAsStringAsync();
            Assert.InRange((int)response.StatusCode, 400, 499);
            Assert.Null(Leaks.Find(body));
            Assert.DoesNotContain(huge[..1000], body);
        }
        foreach (var path in new[] { "/api/symbols/AAPL/latest", "/v2/stocks/AAPL/bars/latest" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.TryAddWithoutValidation("APCA-API-KEY-ID", huge);
            using var response = await gateway.Http.SendAsync(request);
            Assert.InRange((int)response.StatusCode, 400, 499);
            Assert.Null(Leaks.Find(await response.Content.ReadAsStringAsync()));
        }
    }

    private async Task CheckAsync(List<string> problems, string pathAndQuery)
    {
        var uri = new Uri(gateway.Http.BaseAddress!, pathAndQuery);
        using var response = await gateway.Http.GetAsync(uri);
        if (await Leaks.ProblemAsync(response) is { } problem) problems.Add($"GET {Leaks.Cut(uri.PathAndQuery)} -> {problem}");
    }

    private static string Request(Route route, string query, string symbol = "AAPL") =>
        route.Path.Replace("{symbol}", symbol) + (query.Length > 0 ? "?" + query : "");

    /// <summary>The query with <paramref name="name"/> set to <paramref name="value"/> (already URL-encoded).</summary>
    private static string Set(string query, string name, string value) =>
        Join(string.Join("&", query.Split('&', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Split('=')[0] != name)), $"{name}={value}");

    private static string Join(string query, string more) => query.Length == 0 ? more : more.Length == 0 ? query : query + "&" + more;
}
