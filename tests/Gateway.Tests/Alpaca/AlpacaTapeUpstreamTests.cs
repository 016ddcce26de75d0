using System.Globalization;
using System.Text.Json;
using OrleansMarketData.Gateway.Tests.AlpacaApi;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Alpaca;

/// <summary>
/// Trades, quotes and statuses from Alpaca (the fake upstream) through the cluster to a client of <c>/v2/iex</c>: only
/// the symbols a client streams are subscribed upstream on those channels, the messages keep Alpaca's fields, and an
/// upstream drop is followed by the same subscriptions, confirmed again, and messages flowing. Market time pinned to
/// regular hours by <see cref="AlpacaGateway"/>.
/// </summary>
public sealed class AlpacaTapeUpstreamTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Fifty_symbols_of_trades_and_quotes_survive_an_upstream_drop_resubscribed_and_flowing()
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
        var symbols = Enumerable.Range(0, 50).Select(i => $"T{(char)('A' + i / 26)}{(char)('A' + i % 26)}").ToArray();
        await using var client = await AlpacaStreamClient.AuthenticatedAsync(alpaca.Gateway.SocketUri("/v2/iex"), "PKANYKEY", "any-secret");
        var list = string.Join(",", symbols.Select(s => $"\"{s}\""));
        await client.SendAsync($$"""{"action":"subscribe","trades":[{{list}}],"quotes":[{{list}}]}""");
        Assert.Equal(symbols.Length, (await client.ReceiveTypeAsync("subscription", Wait))!.Value.GetProperty("trades").GetArrayLength());

        await WaitUntilUpstreamHoldsAsync(alpaca, symbols);
        Assert.Empty(alpaca.Upstream.SubscribedTo("statuses"));
        Assert.Empty(alpaca.Upstream.SubscribedTo("bars"));
        await AssertFlowingAsync(alpaca, client, symbols, firstId: 1);

        var authentications = alpaca.Upstream.AuthAttempts.Count;
        alpaca.Upstream.DropAllConnections();
        await Eventually.UntilAsync(() => alpaca.Upstream.AuthAttempts.Count > authentications, "the feed reconnected");
        await WaitUntilUpstreamHoldsAsync(alpaca, symbols);
        await AssertFlowingAsync(alpaca, client, symbols, firstId: 1_000);
    }

    [Fact]
    public async Task Statuses_pass_through_and_unsubscribing_the_last_client_unsubscribes_upstream()
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
        await using var client = await AlpacaStreamClient.AuthenticatedAsync(alpaca.Gateway.SocketUri("/v2/iex"), "PKANYKEY", "any-secret", msgpack: true);
        await client.SendAsync("""{"action":"subscribe","statuses":["AAPL"],"trades":["AAPL"]}""");
        Assert.NotNull(await client.ReceiveTypeAsync("subscription", Wait));
        await Eventually.UntilAsync(() => alpaca.Upstream.SubscribedTo("statuses").Contains("AAPL"), "AAPL's statuses subscribed upstream");

        var time = alpaca.Now;
        alpaca.Upstream.PublishStatus("AAPL", "H", "Trading Halt", "T12", "Trading Halted; For information requested by NASDAQ", time);
        var status = (await client.ReceiveTypeAsync("s", Wait))!.Value;
        Assert.Equal(["T", "S", "sc", "sm", "rc", "rm", "t", "z"], status.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("AAPL", "H", "Trading Halt", "T12"), (Text(status, "S"), Text(status, "sc"), Text(status, "sm"), Text(status, "rc")));
        Assert.Equal("Trading Halted; For information requested by NASDAQ", Text(status, "rm"));
        Assert.Equal(time, Time(status));

        // A second client takes every symbol's statuses: "*" upstream; a status of AAPL reaches each client once, one of
        // MSFT only the second.
        await using var everything = await AlpacaStreamClient.AuthenticatedAsync(alpaca.Gateway.SocketUri("/v2/iex"), "PKANYKEY", "any-secret");
        await everything.SendAsync("""{"action":"subscribe","statuses":["*"]}""");
        Assert.NotNull(await everything.ReceiveTypeAsync("subscription", Wait));
        await Eventually.UntilAsync(() => alpaca.Upstream.SubscribedTo("statuses").SetEquals(["AAPL", "*"]), "every symbol's statuses subscribed upstream");
        alpaca.Upstream.PublishStatus("MSFT", "H", "Trading Halt", "LUDP", "Volatility Trading Pause", time);
        alpaca.Upstream.PublishStatus("AAPL", "T", "Trading Resumption", "", "", time.AddMinutes(5));
        Assert.Equal(("MSFT", "LUDP"), Fields(await everything.ReceiveTypeAsync("s", Wait)));
        Assert.Equal(("AAPL", "T"), Fields(await everything.ReceiveTypeAsync("s", Wait)));
        Assert.Equal(("AAPL", "T"), Fields(await client.ReceiveTypeAsync("s", Wait)));
        // The next status is the next one published, not AAPL's again.
        alpaca.Upstream.PublishStatus("MSFT", "T", "Trading Resumption", "", "", time.AddMinutes(6));
        Assert.Equal(("MSFT", "T"), Fields(await everything.ReceiveTypeAsync("s", Wait)));

        await client.SendAsync("""{"action":"unsubscribe","statuses":["AAPL"],"trades":["AAPL"]}""");
        Assert.NotNull(await client.ReceiveTypeAsync("subscription", Wait));
        await everything.SendAsync("""{"action":"unsubscribe","statuses":["*"]}""");
        Assert.NotNull(await everything.ReceiveTypeAsync("subscription", Wait));
        await Eventually.UntilAsync(() => alpaca.Upstream.SubscribedTo("statuses").Count == 0 && alpaca.Upstream.SubscribedTo("trades").Count == 0,
            "the statuses and trades unsubscribed upstream");
    }

    private static Task WaitUntilUpstreamHoldsAsync(AlpacaGateway alpaca, string[] symbols) =>
        Eventually.UntilAsync(() => alpaca.Upstream.SubscribedTo("trades").SetEquals(symbols) && alpaca.Upstream.SubscribedTo("quotes").SetEquals(symbols),
            "the symbols' trades and quotes subscribed upstream");

    /// <summary>A trade and a quote of every symbol reach the client, each with the values the upstream sent.</summary>
    private static async Task AssertFlowingAsync(AlpacaGateway alpaca, AlpacaStreamClient client, string[] symbols, long firstId)
    {
        var time = alpaca.Now;
        for (var i = 0; i < symbols.Length; i++)
        {
            alpaca.Upstream.PublishQuote(symbols[i], 10 + i, 100, 10.01 + i, 200, time);
            alpaca.Upstream.PublishTrade(symbols[i], firstId + i, 10.005 + i, 7 + i, time);
        }
        var trades = new Dictionary<string, JsonElement>();
        var quotes = new Dictionary<string, JsonElement>();
        while (trades.Count < symbols.Length || quotes.Count < symbols.Length)
        {
            var message = await client.ReceiveAsync(Wait) ?? throw new Xunit.Sdk.XunitException($"{trades.Count} trades and {quotes.Count} quotes arrived");
            var type = Text(message, "T");
            if (type == "t" && message.GetProperty("i").GetInt64() >= firstId) trades[Text(message, "S")] = message;
            else if (type == "q") quotes[Text(message, "S")] = message;
        }
        for (var i = 0; i < symbols.Length; i++)
        {
            var trade = trades[symbols[i]];
            Assert.Equal((firstId + i, 10.005 + i, 7L + i), (trade.GetProperty("i").GetInt64(), trade.GetProperty("p").GetDouble(), trade.GetProperty("s").GetInt64()));
            Assert.Equal(time, Time(trade));
            var quote = quotes[symbols[i]];
            Assert.Equal((10.0 + i, 10.01 + i, 100L, 200L), (quote.GetProperty("bp").GetDouble(), quote.GetProperty("ap").GetDouble(), quote.GetProperty("bs").GetInt64(), quote.GetProperty("as").GetInt64()));
        }
    }

    private static string Text(JsonElement message, string name) => message.GetProperty(name).GetString()!;

    private static (string Symbol, string Code) Fields(JsonElement? status) =>
        status is { } s ? (Text(s, "S"), Text(s, s.GetProperty("sc").GetString() == "H" ? "rc" : "sc")) : throw new Xunit.Sdk.XunitException("no status came");

    private static DateTimeOffset Time(JsonElement message) =>
        DateTimeOffset.Parse(message.GetProperty("t").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
}
