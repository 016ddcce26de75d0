using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using MessagePack;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>
/// Trades and quotes on <c>/v2/iex</c> from the simulator (market clock pinned to regular hours at 60x by the fixture):
/// Alpaca's message shapes in JSON and msgpack, consistency with the bars of the same stream, unsubscribe and <c>"*"</c>.
/// </summary>
public sealed partial class AlpacaTapeStreamTests(AlpacaStreamFixture fixture) : IClassFixture<AlpacaStreamFixture>
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Trades_and_quotes_come_with_Alpacas_fields_and_a_minutes_trades_aggregate_to_its_bar(bool msgpack)
    {
        // Symbols no other test of the fixture's gateway streams: another client's leaving would unsubscribe the tape
        // upstream for a moment and so break a minute in two.
        var (one, two) = msgpack ? ("AMZN", "META") : ("GOOGL", "TSLA");
        await using var client = await fixture.AuthenticatedAsync(msgpack);
        await client.SendAsync($$"""{"action":"subscribe","trades":["{{one}}","{{two}}"],"quotes":["{{one}}"],"bars":["{{one}}","{{two}}"]}""");
        var confirmation = (await client.ReceiveTypeAsync("subscription", Wait))!.Value;
        Assert.Equal([one, two], Symbols(confirmation, "trades"));
        Assert.Equal([one], Symbols(confirmation, "quotes"));
        // Alpaca mirrors trades in corrections and cancelErrors.
        Assert.Equal([one, two], Symbols(confirmation, "corrections"));

        var trades = new List<JsonElement>();
        var quotes = new List<JsonElement>();
        var checkedBars = 0;
        var firstTradeMinute = new Dictionary<string, DateTimeOffset>();
        for (var i = 0; i < 5_000 && checkedBars < 3; i++)
        {
            var message = await client.ReceiveAsync(Wait) ?? throw new Xunit.Sdk.XunitException("the stream went quiet");
            switch (message.GetProperty("T").GetString())
            {
                case "t":
                    AssertTrade(message, msgpack);
                    trades.Add(message);
                    firstTradeMinute.TryAdd(Symbol(message), Minute(Time(message)));
                    break;
                case "q":
                    AssertQuote(message, msgpack);
                    Assert.Equal(one, Symbol(message));
                    quotes.Add(message);
                    break;
                case "b":
                    // Only minutes whose every trade came after the subscription: those after the first minute seen.
                    var symbol = Symbol(message);
                    var minute = Time(message);
                    if (!firstTradeMinute.TryGetValue(symbol, out var first) || minute <= first) break;
                    AssertAggregatesTo(trades.Where(t => Symbol(t) == symbol && Minute(Time(t)) == minute).ToList(), message);
                    checkedBars++;
                    break;
            }
        }
        Assert.True(checkedBars >= 3, $"{checkedBars} bars checked against their trades");
        if (msgpack) AssertTimestampExtensions(client.RawFrames);
        Assert.Contains(trades, t => Symbol(t) == two);
        AssertQuotesBracketTrades(quotes, trades.Where(t => Symbol(t) == one).ToList());
    }

    [Fact]
    public async Task Unsubscribed_trades_stop_and_the_other_channels_go_on()
    {
        await using var client = await fixture.AuthenticatedAsync();
        await client.SendAsync("""{"action":"subscribe","trades":["NVDA"],"quotes":["NVDA"]}""");
        Assert.NotNull(await client.ReceiveTypeAsync("subscription", Wait));
        Assert.NotNull(await client.ReceiveTypeAsync("t", Wait));

        await client.SendAsync("""{"action":"unsubscribe","trades":["NVDA"]}""");
        var state = (await client.ReceiveTypeAsync("subscription", Wait))!.Value;
        Assert.Empty(Symbols(state, "trades"));
        Assert.Equal(["NVDA"], Symbols(state, "quotes"));
        // The confirmation goes out as the change is made: a trade already on its way may follow it, not more.
        var types = new List<string>();
        for (var i = 0; i < 50; i++) types.Add((await client.ReceiveAsync(Wait))!.Value.GetProperty("T").GetString()!);
        Assert.True(types.Take(5).Count(t => t == "t") <= 1, string.Join(",", types));
        Assert.All(types.Skip(5), t => Assert.Equal("q", t));
    }

    [Fact]
    public async Task Wildcard_trades_count_as_every_listed_symbol_against_the_limit()
    {
        await using var client = await fixture.AuthenticatedAsync();
        await client.SendAsync("""{"action":"subscribe","trades":["*"]}""");
        var error = (await client.ReceiveTypeAsync("error", Wait))!.Value;
        Assert.Equal(405, error.GetProperty("code").GetInt32());
        await client.SendAsync("""{"action":"subscribe","statuses":["*"],"trades":["AAPL"]}""");
        var state = (await client.ReceiveTypeAsync("subscription", Wait))!.Value;
        Assert.Equal(["*"], Symbols(state, "statuses"));
        Assert.Equal(["AAPL"], Symbols(state, "trades"));
        // The simulator has no halts: statuses are confirmed and no "s" comes, while trades flow.
        for (var i = 0; i < 20; i++)
        {
            var message = (await client.ReceiveAsync(Wait))!.Value;
            Assert.Equal("t", message.GetProperty("T").GetString());
        }
    }

    private static void AssertTrade(JsonElement trade, bool msgpack)
    {
        Assert.Equal(["T", "S", "i", "x", "p", "s", "c", "t", "z"], trade.EnumerateObject().Select(p => p.Name));
        Assert.Equal("V", trade.GetProperty("x").GetString());
        Assert.True(trade.GetProperty("p").GetDouble() > 0);
        Assert.True(trade.GetProperty("s").GetInt64() > 0);
        Assert.Contains("@", trade.GetProperty("c").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains(trade.GetProperty("z").GetString(), new[] { "A", "B", "C" });
        AssertTimestamp(trade, msgpack);
    }

    private static void AssertQuote(JsonElement quote, bool msgpack)
    {
        Assert.Equal(["T", "S", "bx", "bp", "bs", "ax", "ap", "as", "c", "t", "z"], quote.EnumerateObject().Select(p => p.Name));
        Assert.True(quote.GetProperty("bp").GetDouble() < quote.GetProperty("ap").GetDouble());
        Assert.True(quote.GetProperty("bs").GetInt64() > 0 && quote.GetProperty("as").GetInt64() > 0);
        AssertTimestamp(quote, msgpack);
    }

    /// <summary>JSON: RFC-3339 with nine fraction digits in UTC. msgpack frames arrive here converted to JSON, the timestamp extension included.</summary>
    private static void AssertTimestamp(JsonElement message, bool msgpack)
    {
        if (!msgpack) Assert.Matches(NanosecondTime(), message.GetProperty("t").GetString());
        Assert.True(Time(message) > new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    }

    /// <summary>In msgpack, every trade's and quote's <c>t</c> is the timestamp extension (type -1), as Alpaca sends it.</summary>
    private static void AssertTimestampExtensions(List<byte[]> frames)
    {
        var seen = 0;
        foreach (var frame in frames)
        {
            var reader = new MessagePackReader(frame);
            var items = reader.ReadArrayHeader();
            for (var i = 0; i < items; i++)
            {
                var fields = reader.ReadMapHeader();
                Assert.Equal("T", reader.ReadString());
                var type = reader.ReadString();
                for (var f = 1; f < fields; f++)
                {
                    if (reader.ReadString() == "t" && type is "t" or "q")
                    {
                        var header = reader.ReadExtensionFormatHeader();
                        Assert.Equal(ReservedMessagePackExtensionTypeCode.DateTime, header.TypeCode);
                        reader.ReadRaw(header.Length);
                        seen++;
                    }
                    else reader.Skip();
                }
            }
        }
        Assert.True(seen > 0);
    }

    /// <summary>Open is the first trade, close the last, high and low the extremes, volume the sum of sizes.</summary>
    private static void AssertAggregatesTo(List<JsonElement> trades, JsonElement bar)
    {
        Assert.NotEmpty(trades);
        var prices = trades.Select(t => t.GetProperty("p").GetDouble()).ToList();
        Assert.Equal(bar.GetProperty("o").GetDouble(), prices[0]);
        Assert.Equal(bar.GetProperty("c").GetDouble(), prices[^1]);
        Assert.Equal(bar.GetProperty("h").GetDouble(), prices.Max());
        Assert.Equal(bar.GetProperty("l").GetDouble(), prices.Min());
        Assert.Equal(bar.GetProperty("v").GetInt64(), trades.Sum(t => t.GetProperty("s").GetInt64()));
        var times = trades.Select(Time).ToList();
        Assert.Equal(times.Order(), times);
    }

    /// <summary>The quote in force at each trade (the newest at or before it) has the trade's price inside its spread.</summary>
    private static void AssertQuotesBracketTrades(List<JsonElement> quotes, List<JsonElement> trades)
    {
        var checkedTrades = 0;
        foreach (var trade in trades)
        {
            var before = quotes.LastOrDefault(q => Time(q) <= Time(trade));
            if (before.ValueKind == JsonValueKind.Undefined) continue;
            var price = trade.GetProperty("p").GetDouble();
            Assert.InRange(price, before.GetProperty("bp").GetDouble(), before.GetProperty("ap").GetDouble());
            checkedTrades++;
        }
        Assert.True(checkedTrades > 0);
    }

    private static string Symbol(JsonElement message) => message.GetProperty("S").GetString()!;

    private static DateTimeOffset Time(JsonElement message) =>
        DateTimeOffset.Parse(message.GetProperty("t").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);

    private static DateTimeOffset Minute(DateTimeOffset time) => new(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    private static string[] Symbols(JsonElement confirmation, string channel) =>
        confirmation.GetProperty(channel).EnumerateArray().Select(s => s.GetString()!).ToArray();

    [GeneratedRegex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z$")]
    private static partial Regex NanosecondTime();
}
