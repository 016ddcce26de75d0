using System.Diagnostics;

namespace OrleansMarketData.Bench.Soak;

/// <summary>
/// Activates every symbol before the clients connect (<c>GET /api/symbols/{s}/latest</c> until it answers 200), so
/// that the soak measures the steady state and the restart, not the first load of each history.
/// </summary>
public static class SymbolWarmUp
{
    public sealed record Result(int Ready, int Requested, double Seconds);

    public static async Task<Result> RunAsync(Uri socketUrl, IReadOnlyList<string> symbols, TimeSpan deadline, string keyQuery)
    {
        var http = new UriBuilder(socketUrl) { Scheme = socketUrl.Scheme == "wss" ? "https" : "http" }.Uri;
        using var client = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromSeconds(30) };
        var watch = Stopwatch.StartNew();
        var ready = 0;
        await Parallel.ForEachAsync(symbols, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (symbol, _) =>
        {
            while (watch.Elapsed < deadline)
            {
                try
                {
                    using var response = await client.GetAsync($"/api/symbols/{Uri.EscapeDataString(symbol)}/latest?{keyQuery}");
                    if (response.IsSuccessStatusCode)
                    {
                        Interlocked.Increment(ref ready);
                        return;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Still loading, or the request timed out: ask again until the deadline.
                }
                await Task.Delay(TimeSpan.FromSeconds(1));
            }
        });
        return new Result(ready, symbols.Count, watch.Elapsed.TotalSeconds);
    }
}
