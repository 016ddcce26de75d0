using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>The Alpaca-compatible bar endpoints: shapes, parameter forms, ranges, paging and order.</summary>
[Collection(GatewayCollection.Name)]
public sealed partial class AlpacaBarsTests(GatewayFixture fixture)
{
    private HttpClient Http => fixture.Http;

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$")]
    private static partial Regex BarTime();

    [Fact]
    public async Task Single_symbol_answer_has_Alpacas_shape_with_utc_bar_times_and_no_made_up_fields()
    {
        var (day, _) = await PastTradingDaysAsync(Http);
        var body = await GetJsonAsync(Http, $"/v2/stocks/aapl/bars?timeframe=1Min&start={day:yyyy-MM-dd}&end={day:yyyy-MM-dd}&limit=5");

        Assert.Equal(["bars", "symbol", "next_page_token"], body.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("AAPL", body.GetProperty("symbol").GetString());
        Assert.Equal(JsonValueKind.String, body.GetProperty("next_page_token").ValueKind);
        var bars = body.GetProperty("bars").EnumerateArray().ToList();
        Assert.Equal(5, bars.Count);
        foreach (var bar in bars)
        {
            Assert.Equal(["t", "o", "h", "l", "c", "v", "n", "vw"], bar.EnumerateObject().Select(p => p.Name).ToArray());
            Assert.Matches(BarTime(), bar.GetProperty("t").GetString());
        }
    }

    [Theory]
    [InlineData("1Min", "1T", 1)]
    [InlineData("5Min", "5T", 5)]
    [InlineData("15Min", "15T", 15)]
    [InlineData("1Hour", "1H", 60)]
    [InlineData("1Day", "1D", 1440)]
    public async Task Both_spellings_of_a_timeframe_serve_the_same_bars_aligned_to_it(string name, string shortName, int minutes)
    {
        var (day, before) = await PastTradingDaysAsync(Http);
        var range = minutes == 1440 ? $"start={day.AddDays(-30):yyyy-MM-dd}&end={day:yyyy-MM-dd}" : $"start={before:yyyy-MM-dd}&end={day:yyyy-MM-dd}";
        var a = Bars((await GetJsonAsync(Http, $"/v2/stocks/MSFT/bars?timeframe={name}&{range}&limit=10000")).GetProperty("bars"));
        var b = Bars((await GetJsonAsync(Http, $"/v2/stocks/MSFT/bars?timeframe={shortName}&{range}&limit=10000")).GetProperty("bars"));

        Assert.True(a.Count >= 10, $"{a.Count} bars");
        Assert.Equal(a.Select(x => x.Values), b.Select(x => x.Values));
        foreach (var bar in a)
        {
            var nyTime = TimeZoneInfo.ConvertTime(bar.Time, Model.NewYorkTime.Zone);
            Assert.Equal(0, minutes == 1440 ? nyTime.TimeOfDay.TotalMinutes : nyTime.TimeOfDay.TotalMinutes % minutes);
        }
    }

    [Theory]
    [InlineData("1Min")]
    [InlineData("5Min")]
    [InlineData("15Min")]
    [InlineData("1Hour")]
    [InlineData("1Day")]
    public async Task Rest_bars_equal_the_seed_history_bar_for_bar(string timeframe)
    {
        var seed = await SeedHistoryAsync(Http, "AAPL", timeframe, 300);
        // The newest bar may still be forming and change between the two requests.
        var settled = seed[..^1];
        var rest = Bars((await GetJsonAsync(Http,
            $"/v2/stocks/AAPL/bars?timeframe={timeframe}&start={Rfc3339(settled[0].Time)}&end={Rfc3339(settled[^1].Time)}&limit=10000")).GetProperty("bars"));

        Assert.Equal(settled.Count, rest.Count);
        Assert.Equal(settled.Select(b => b.Values), rest.Select(b => b.Values));
    }

    [Fact]
    public async Task Start_and_end_are_inclusive_as_dates_and_as_rfc3339_times_with_any_offset()
    {
        var (day, _) = await PastTradingDaysAsync(Http);
        var byDate = Bars((await GetJsonAsync(Http, $"/v2/stocks/SPY/bars?timeframe=1Hour&start={day:yyyy-MM-dd}&end={day:yyyy-MM-dd}")).GetProperty("bars"));
        var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Model.NewYorkTime.Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue)));
        var offset = midnight.ToString("zzz");
        var byTime = Bars((await GetJsonAsync(Http,
            $"/v2/stocks/SPY/bars?timeframe=1Hour&start={day:yyyy-MM-dd}T00:00:00{Uri.EscapeDataString(offset)}&end={Rfc3339(midnight.AddDays(1).AddSeconds(-1))}")).GetProperty("bars"));

        Assert.True(byDate.Count >= 7, $"{byDate.Count} hourly bars on {day}");
        Assert.All(byDate, b => Assert.Equal(day, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(b.Time, Model.NewYorkTime.Zone).DateTime)));
        Assert.Equal(byDate.Select(b => b.Values), byTime.Select(b => b.Values));

        var middle = byDate[byDate.Count / 2];
        var exact = Bars((await GetJsonAsync(Http, $"/v2/stocks/SPY/bars?timeframe=1H&start={Rfc3339(middle.Time)}&end={Rfc3339(middle.Time)}")).GetProperty("bars"));
        Assert.Equal([middle.Values], exact.Select(b => b.Values));
        var fraction = Bars((await GetJsonAsync(Http, $"/v2/stocks/SPY/bars?timeframe=1H&start={middle.Time.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss}.000000000Z&end={Rfc3339(middle.Time.AddMinutes(59))}")).GetProperty("bars"));
        Assert.Equal([middle.Values], fraction.Select(b => b.Values));
    }

    [Fact]
    public async Task Single_symbol_pages_hold_limit_bars_and_together_equal_one_big_read()
    {
        var (day, _) = await PastTradingDaysAsync(Http);
        var range = $"timeframe=15Min&start={day:yyyy-MM-dd}&end={day:yyyy-MM-dd}";
        var whole = Bars((await GetJsonAsync(Http, $"/v2/stocks/TSLA/bars?{range}&limit=10000")).GetProperty("bars"));
        var paged = new List<RestBar>();
        var sizes = new List<int>();
        string? token = null;
        do
        {
            var page = await GetJsonAsync(Http, $"/v2/stocks/TSLA/bars?{range}&limit=7" + (token is null ? "" : $"&page_token={Uri.EscapeDataString(token)}"));
            var bars = Bars(page.GetProperty("bars"));
            paged.AddRange(bars);
            sizes.Add(bars.Count);
            token = page.GetProperty("next_page_token").GetString();
        } while (token is not null && sizes.Count < 100);

        Assert.True(whole.Count > 20, $"{whole.Count} bars");
        Assert.Null(token);
        Assert.All(sizes[..^1], s => Assert.Equal(7, s));
        Assert.InRange(sizes[^1], 1, 7);
        Assert.Equal(whole.Select(b => b.Values), paged.Select(b => b.Values));
    }

    [Fact]
    public async Task Multi_symbol_limit_counts_across_symbols_and_results_are_sorted_by_symbol_then_time()
    {
        var (day, _) = await PastTradingDaysAsync(Http);
        var range = $"timeframe=15Min&start={day:yyyy-MM-dd}&end={day:yyyy-MM-dd}";
        var (bars, sizes) = await ReadAllPagesAsync(Http, $"/v2/stocks/bars?symbols=SPY,msft,AAPL,ZZZZ&{range}&limit=25");

        Assert.True(sizes.Count >= 3, $"{sizes.Count} pages");
        Assert.All(sizes[..^1], s => Assert.Equal(25, s));
        Assert.Equal(["AAPL", "MSFT", "SPY"], bars.Select(b => b.Symbol).Distinct().ToArray());
        Assert.Equal(bars.Select(b => b.Symbol).Order(StringComparer.Ordinal), bars.Select(b => b.Symbol));
        foreach (var symbol in new[] { "AAPL", "MSFT", "SPY" })
        {
            var single = Bars((await GetJsonAsync(Http, $"/v2/stocks/{symbol}/bars?{range}&limit=10000")).GetProperty("bars"));
            Assert.Equal(single.Select(b => b.Values), bars.Where(b => b.Symbol == symbol).Select(b => b.Bar.Values));
        }
        var first = await GetJsonAsync(Http, $"/v2/stocks/bars?symbols=SPY,msft,AAPL&{range}&limit=25");
        Assert.Equal(["AAPL"], first.GetProperty("bars").EnumerateObject().Select(p => p.Name).ToArray());
    }

    [Fact]
    public async Task Descending_sort_returns_each_symbol_newest_first_across_pages()
    {
        var (day, before) = await PastTradingDaysAsync(Http);
        var range = $"timeframe=1Hour&start={before:yyyy-MM-dd}&end={day:yyyy-MM-dd}";
        var (ascending, _) = await ReadAllPagesAsync(Http, $"/v2/stocks/bars?symbols=KO,JPM&{range}&limit=9");
        var (descending, sizes) = await ReadAllPagesAsync(Http, $"/v2/stocks/bars?symbols=KO,JPM&{range}&limit=9&sort=desc");

        Assert.True(sizes.Count > 2);
        Assert.Equal(["JPM", "KO"], descending.Select(b => b.Symbol).Distinct().ToArray());
        foreach (var symbol in new[] { "JPM", "KO" })
        {
            var asc = ascending.Where(b => b.Symbol == symbol).Select(b => b.Bar.Values).ToList();
            Assert.True(asc.Count > 9);
            Assert.Equal(asc.AsEnumerable().Reverse(), descending.Where(b => b.Symbol == symbol).Select(b => b.Bar.Values));
        }
    }

    [Fact]
    public async Task Empty_multi_result_is_an_empty_map_and_a_null_token()
    {
        foreach (var path in new[]
        {
            "/v2/stocks/bars?symbols=ZZZZ,QQQQ&timeframe=1Day",
            "/v2/stocks/bars?symbols=AAPL,MSFT&timeframe=1Day&start=2025-12-25&end=2025-12-25",
        })
        {
            using var response = await Http.GetAsync(path);
            Assert.Equal("""{"bars":{},"next_page_token":null}""", await response.Content.ReadAsStringAsync());
        }
        var single = await GetJsonAsync(Http, "/v2/stocks/ZZZZ/bars?timeframe=1Day");
        Assert.Equal(0, single.GetProperty("bars").GetArrayLength());
        Assert.Equal(JsonValueKind.Null, single.GetProperty("next_page_token").ValueKind);
    }

    [Theory]
    [InlineData("feed=iex")]
    [InlineData("adjustment=raw")]
    [InlineData("asof=2024-01-02")]
    [InlineData("asof=-")]
    [InlineData("currency=USD")]
    [InlineData("sort=asc")]
    public async Task Accepted_parameters_do_not_change_the_bars(string parameter)
    {
        var (day, _) = await PastTradingDaysAsync(Http);
        var range = $"timeframe=1Hour&start={day:yyyy-MM-dd}&end={day:yyyy-MM-dd}";
        var plain = Bars((await GetJsonAsync(Http, $"/v2/stocks/AMD/bars?{range}")).GetProperty("bars"));
        var with = Bars((await GetJsonAsync(Http, $"/v2/stocks/AMD/bars?{range}&{parameter}")).GetProperty("bars"));
        Assert.NotEmpty(plain);
        Assert.Equal(plain.Select(b => b.Values), with.Select(b => b.Values));
    }

    [Fact]
    public async Task Latest_bar_is_the_newest_minute_in_single_and_multi_form()
    {
        var before = RestBar.FromSeedApi(await GetJsonAsync(Http, "/api/symbols/NVDA/latest"));
        var single = await GetJsonAsync(Http, "/v2/stocks/nvda/bars/latest?feed=iex");
        var multi = await GetJsonAsync(Http, "/v2/stocks/bars/latest?symbols=NVDA,ZZZZ,AAPL");
        // The simulator runs at 60x: minutes may pass between the requests, so compare with the history that followed.
        var history = await SeedHistoryAsync(Http, "NVDA", "1Min", 30);

        Assert.Equal(["symbol", "bar"], single.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal("NVDA", single.GetProperty("symbol").GetString());
        var bar = RestBar.Parse(single.GetProperty("bar"));
        Assert.Equal(["t", "o", "h", "l", "c", "v", "n", "vw"], bar.Fields);
        Assert.True(bar.Time >= before.Time, $"latest {bar.Time:O} is older than {before.Time:O}");
        Assert.Equal(history.Single(b => b.Time == bar.Time).Values, bar.Values);
        Assert.Equal(["bars"], multi.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(["AAPL", "NVDA"], multi.GetProperty("bars").EnumerateObject().Select(p => p.Name).Order().ToArray());
        var multiBar = RestBar.Parse(multi.GetProperty("bars").GetProperty("NVDA"));
        Assert.True(multiBar.Time >= bar.Time);
        Assert.Equal(history.Single(b => b.Time == multiBar.Time).Values, multiBar.Values);
    }
}
