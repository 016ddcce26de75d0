using System.Diagnostics;

namespace OrleansMarketData.Bench.Load;

/// <summary>
/// Activates symbols through the REST API (<c>GET /api/symbols/{symbol}/latest</c>): each request activates the
/// symbol's grain, which loads its history and subscribes upstream, so the symbol is then "active" with no socket.
/// </summary>
public static class SymbolActivator
{
    public sealed record Result(int Requested, int Ok, int Failed, double Seconds, string? FirstError);

    public static async Task<Result> ActivateAsync(Uri baseUrl, IReadOnlyList<string> symbols, int concurrency, TimeSpan timeout, string keyQuery)
    {
        var http = new Uri(baseUrl.ToString().Replace("ws://", "http://").Replace("wss://", "https://"));
        using var client = new HttpClient { BaseAddress = http, Timeout = TimeSpan.FromSeconds(60) };
        using var deadline = new CancellationTokenSource(timeout);
        var ok = 0;
        var failed = 0;
        string? firstError = null;
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(symbols, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = deadline.Token },
            async (symbol, ct) =>
            {
                try
                {
                    using var response = await client.GetAsync($"/api/symbols/{symbol}/latest?{keyQuery.TrimStart('&')}", ct);
                    if (response.IsSuccessStatusCode) Interlocked.Increment(ref ok);
                    else Fail($"{symbol}: HTTP {(int)response.StatusCode}");
                }
                catch (Exception ex) when (!deadline.IsCancellationRequested)
                {
                    Fail($"{symbol}: {ex.GetBaseException().Message}");
                }
            }).ContinueWith(_ => { }); // a deadline stops the loop; what finished is reported
        return new Result(symbols.Count, ok, failed, watch.Elapsed.TotalSeconds, firstError);

        void Fail(string error)
        {
            Interlocked.Increment(ref failed);
            Interlocked.CompareExchange(ref firstError, error, null);
        }
    }
}
