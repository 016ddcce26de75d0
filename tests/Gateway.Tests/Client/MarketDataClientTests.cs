using System.Diagnostics;
using OrleansMarketData.Client;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Client;

/// <summary>
/// OrleansMarketData.Client against a real gateway process with client keys on, its simulated clock pinned to
/// regular hours at 60×: the REST calls, the stream's history and live bars, refusals and cancellation.
/// </summary>
public sealed class MarketDataClientTests : IAsyncLifetime
{
    private const string KeyId = "CLIENTKEY1";
    private const string Secret = "client-secret-7d1e";
    private static readonly ClientKey Key = new(KeyId, Secret);
    private GatewayProcess _gateway = null!;

    public async Task InitializeAsync()
    {
        _gateway = new GatewayProcess(new Dictionary<string, string>
        {
            ["MarketData__Simulator__Speed"] = "60",
            ["ClientAuth__Enabled"] = "true",
            ["ClientAuth__Keys__0__KeyId"] = KeyId,
            ["ClientAuth__Keys__0__Secret"] = Secret,
        });
        await _gateway.WaitUntilAnswersAsync("/health/ready", bound: TimeSpan.FromSeconds(120));
    }

    public Task DisposeAsync()
    {
        _gateway.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Rest_calls_return_typed_candles_and_refusals_carry_the_gateways_message_and_status()
    {
        using var client = new MarketDataClient(_gateway.BaseAddress, new MarketDataClientOptions { Key = Key });
        var history = await client.GetHistoryAsync("aapl", "5Min", limit: 20);
        Assert.Equal(("AAPL", "5Min", 20), (history.Symbol, history.Timeframe, history.Candles.Count));
        Assert.True(history.Candles.Zip(history.Candles.Skip(1)).All(p => p.Second.Timestamp - p.First.Timestamp >= TimeSpan.FromMinutes(5)));
        var newest = history.Candles[^1];
        Assert.NotNull(newest.Rsi);
        Assert.NotNull(newest.Atr);
        Assert.Equal(["MA160", "MA40", "MA80"], newest.MovingAverages.Keys.Order());
        Assert.All(newest.MovingAverages.Values, v => Assert.NotNull(v));

        var latest = await client.GetLatestAsync("MSFT");
        Assert.Equal("MSFT", latest.Symbol);
        Assert.True(latest.High >= latest.Low);
        var health = await client.GetHealthAsync();
        Assert.Equal(("healthy", "sim", 1), (health.Status, health.Feed, health.SiloCount));

        var bad = await Assert.ThrowsAsync<MarketDataException>(() => client.GetHistoryAsync("AAPL", "2Sec"));
        Assert.Equal(400, bad.HttpStatus);
        Assert.Equal("invalid timeframe '2Sec': allowed values are 1Min, 5Min, 15Min, 1Hour, 1Day", bad.Message);
        Assert.Equal(404, (await Assert.ThrowsAsync<MarketDataException>(() => client.GetLatestAsync("NOPE"))).HttpStatus);

        using var keyless = new MarketDataClient(_gateway.BaseAddress);
        var refused = await Assert.ThrowsAsync<MarketDataException>(() => keyless.GetLatestAsync("AAPL"));
        Assert.Equal(401, refused.HttpStatus);
        Assert.DoesNotContain(Secret, Key.ToString());
    }

    [Fact]
    public async Task Stream_yields_the_history_then_live_bars_in_order_and_ends_when_cancelled()
    {
        using var client = new MarketDataClient(_gateway.BaseAddress, new MarketDataClientOptions { Key = Key });
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var updates = new List<CandleUpdate>();
        await foreach (var update in client.StreamCandlesAsync("AAPL", "1Min", limit: 10, cancel.Token))
        {
            updates.Add(update);
            if (updates.Count(u => !u.IsHistory) == 3) break;
        }
        Assert.Equal(10, updates.TakeWhile(u => u.IsHistory).Count());
        Assert.All(updates.Skip(10), u => Assert.False(u.IsHistory));
        Assert.All(updates, u => Assert.Equal(("AAPL", "1Min"), (u.Symbol, u.Timeframe)));
        var times = updates.Select(u => u.Candle.Timestamp).ToList();
        Assert.Equal(times.Order(), times);
        Assert.Equal(times.Count, times.Distinct().Count());

        // Cancelling while it waits for the next bar ends the enumeration at once.
        using var stop = new CancellationTokenSource();
        var stream = client.StreamCandlesAsync("AAPL", "1Min", limit: 1, stop.Token).GetAsyncEnumerator();
        Assert.True(await stream.MoveNextAsync());
        var next = stream.MoveNextAsync().AsTask();
        if (next.IsCompleted && await next) next = stream.MoveNextAsync().AsTask();
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next);
        await stream.DisposeAsync();
    }

    [Fact]
    public async Task Sample_prints_the_history_then_live_bars_with_their_indicators()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory);
        var sample = Path.Combine(Repository.Root, "samples", "LiveCandles", "bin", testOutput.Parent!.Name, testOutput.Name, "LiveCandles.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { sample, _gateway.BaseAddress.ToString(), "MSFT", "1Min" }) start.ArgumentList.Add(argument);
        start.Environment["MARKETDATA_KEY_ID"] = KeyId;
        start.Environment["MARKETDATA_SECRET"] = Secret;
        using var process = Process.Start(start)!;
        var lines = new List<string>();
        try
        {
            using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(120));
            while (lines.Count(l => l.StartsWith("live ", StringComparison.Ordinal)) < 2
                && await process.StandardOutput.ReadLineAsync(bound.Token) is { } line)
                lines.Add(line);
        }
        finally
        {
            process.Kill();
        }
        var output = string.Join('\n', lines);
        Assert.Equal(5, lines.Count(l => l.StartsWith("history ", StringComparison.Ordinal)));
        Assert.Equal(2, lines.Count(l => l.StartsWith("live ", StringComparison.Ordinal)));
        Assert.Matches(@"^live +\d{4}-\d\d-\d\d \d\d:\d\d O [\d.]+ .* ATR [\d.]+ RSI [\d.]+ MA40 [\d.]+ MA80 [\d.]+ MA160 [\d.]+$", lines.Last());
        Assert.DoesNotContain(Secret, output);
    }

    [Fact]
    public async Task Stream_refused_for_an_unknown_symbol_or_a_missing_key_throws_with_the_close_status()
    {
        var options = new MarketDataClientOptions { Key = Key, InitialReconnectDelay = TimeSpan.FromMilliseconds(100) };
        using var client = new MarketDataClient(_gateway.BaseAddress, options);
        var unknown = await Assert.ThrowsAsync<MarketDataException>(async () =>
        {
            await foreach (var _ in client.StreamCandlesAsync("NOPE")) { }
        });
        Assert.Equal(4404, unknown.CloseStatus);
        Assert.Contains("NOPE", unknown.Message);

        using var keyless = new MarketDataClient(_gateway.BaseAddress);
        var unauthorized = await Assert.ThrowsAsync<MarketDataException>(async () =>
        {
            await foreach (var _ in keyless.StreamCandlesAsync("AAPL")) { }
        });
        Assert.Equal(4001, unauthorized.CloseStatus);
    }
}
