using OrleansMarketData.Gateway.Tests.Alpaca;
using OrleansMarketData.Gateway.Tests.AlpacaApi;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Observability;

/// <summary>The upstream side of the metrics, against the fake Alpaca: lag of live bars, reconnects, bars to /v2.</summary>
[Collection(MetricsCollection.Name)]
public sealed class UpstreamMetricsTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private const string Feed = "feed=\"iex\"";

    [Fact]
    public async Task Live_alpaca_bar_is_counted_in_and_out_with_its_lag_and_a_dropped_upstream_counts_a_reconnect()
    {
        await using var alpaca = await AlpacaGateway.StartAsync();
        using var http = alpaca.Gateway.CreateHttpClient();
        // Loaded first, so that the stream's listener starts at once rather than after the history.
        (await http.GetAsync("/api/symbols/AAPL/historical?limit=5")).EnsureSuccessStatusCode();
        await using var client = await AlpacaStreamClient.AuthenticatedAsync(alpaca.Gateway.SocketUri("/v2/iex"), "any-key", "any-secret");
        await client.SendAsync("""{"action":"subscribe","bars":["AAPL"]}""");
        Assert.NotNull(await client.ReceiveTypeAsync("subscription", Wait));
        await alpaca.WaitUntilSubscribedAsync("AAPL");

        // The upstream streams bars whose minutes ended minutes ago (its history ends ten minutes back), one every
        // 2 s until the client has one: the first may reach the gateway before the client's listener has started.
        // (A receive that times out would abort the client's socket, so the receive waits once, long.)
        var published = 0;
        var minute = alpaca.LastHistoryMinute("AAPL");
        using var received = new CancellationTokenSource();
        var publisher = Task.Run(async () =>
        {
            while (!received.IsCancellationRequested && published < 8)
            {
                minute = alpaca.NextMinute("AAPL", minute);
                alpaca.Upstream.Publish("AAPL", minute);
                Interlocked.Increment(ref published);
                await Task.Delay(TimeSpan.FromSeconds(2), received.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
        });
        var bar = await client.ReceiveTypeAsync("b", Wait);
        await received.CancelAsync();
        await publisher;
        Assert.NotNull(bar);
        // Every bar published so far has reached the feed.
        await Eventually.UntilAsync(async () =>
            new PrometheusText(await http.GetStringAsync("/metrics")).Sum("market_data_upstream_lag_seconds_count", Feed) == published,
            $"{published} lags counted");

        var metrics = new PrometheusText(await http.GetStringAsync("/metrics"));
        Assert.True(metrics.Sum("market_data_bars_received_total", Feed) >= 1, metrics.Text);
        Assert.True(metrics.Sum("market_data_bars_sent_total", "endpoint=\"/v2\"") >= 1, metrics.Text);
        Assert.Equal(1, metrics.Sum("market_data_sockets_active", "endpoint=\"/v2\""));
        Assert.Equal(published, metrics.Sum("market_data_upstream_lag_seconds_count", Feed));
        // In seconds, each at most the time since its minute ended, and at least that less the minutes of waiting.
        var lag = metrics.Sum("market_data_upstream_lag_seconds_sum", Feed)!.Value / published;
        var endedAgo = (alpaca.Now - alpaca.LastHistoryMinute("AAPL").AddMinutes(2)).TotalSeconds;
        Assert.InRange(lag, endedAgo - 120 - 60 * published, endedAgo);
        Assert.Null(metrics.Sum("market_data_upstream_reconnects_total", Feed));

        alpaca.Upstream.DropAllConnections();
        var reconnects = await Eventually.ValueAsync(
            async () => new PrometheusText(await http.GetStringAsync("/metrics")).Sum("market_data_upstream_reconnects_total", Feed),
            count => count is not null, _ => "a reconnect counted");
        Assert.True(reconnects == 1, $"reconnects: {reconnects}\n" + string.Join("\n", alpaca.Gateway.Logs.Lines.Where(l => l.Contains("Alpaca"))));
    }
}
