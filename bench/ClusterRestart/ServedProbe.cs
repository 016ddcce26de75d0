using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansMarketData.Bench.ClusterRestart;

/// <summary>Asks the gateway, symbol by symbol, until each answers with its history.</summary>
public sealed class ServedProbe(HttpClient http, TimeSpan deadline)
{
    public async Task<bool> WaitReadyAsync()
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < TimeSpan.FromMinutes(2))
        {
            try
            {
                if ((await http.GetAsync("/health/ready")).StatusCode == HttpStatusCode.OK) return true;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(500);
        }
        return false;
    }

    /// <summary>
    /// Time until every process that writes to the bar store shows its write queue empty in its <c>/health/ready</c>
    /// (<c>checks.bar-store.data.queued_bars</c>; checked every second, up to the deadline): the histories a cold start
    /// fetched are then stored, as in a service that has run a while. Loads waiting for room in a queue keep it above
    /// half full, so an empty queue means none waits.
    /// </summary>
    public async Task<TimeSpan> TimeUntilStoredAsync(IReadOnlyList<Uri> writers)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < deadline)
        {
            var queued = 0L;
            foreach (var writer in writers)
            {
                try
                {
                    var health = await http.GetFromJsonAsync<JsonElement>(new Uri(writer, "/health/ready"));
                    queued += health.GetProperty("checks").GetProperty("bar-store").GetProperty("data").GetProperty("queued_bars").GetInt64();
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or KeyNotFoundException)
                {
                    queued++;
                }
            }
            if (queued == 0) return stopwatch.Elapsed;
            await Task.Delay(1000);
        }
        throw new TimeoutException($"the bar store's queues were not empty within {deadline}");
    }

    /// <summary>Time until every symbol's 1-minute history request answers 200, 16 requests at a time.</summary>
    public async Task<TimeSpan> TimeUntilServedAsync(IReadOnlyList<string> symbols)
    {
        var stopwatch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(symbols, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (symbol, _) =>
        {
            while (true)
            {
                if (stopwatch.Elapsed > deadline) throw new TimeoutException($"{symbol} was not served within {deadline}");
                try
                {
                    using var response = await http.GetAsync($"/api/symbols/{symbol}/historical?limit=1");
                    if (response.StatusCode == HttpStatusCode.OK) return;
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                }
                await Task.Delay(250);
            }
        });
        return stopwatch.Elapsed;
    }

    /// <summary>
    /// Time until every reader has received a live bar, publishing each symbol's next minute upstream until it has
    /// (a publish made while the upstream connection was not yet subscribed reaches the gateway by its backfill).
    /// </summary>
    public async Task<TimeSpan> TimeUntilLiveAsync(SymbolReaders readers, int symbols, Action publishNextMinute)
    {
        var stopwatch = Stopwatch.StartNew();
        readers.ForgetLiveBars();
        while (readers.WithLiveBar < symbols)
        {
            if (stopwatch.Elapsed > deadline)
                throw new TimeoutException($"{symbols - readers.WithLiveBar} of {symbols} readers had no live bar within {deadline}");
            publishNextMinute();
            for (var waited = 0; waited < 20 && readers.WithLiveBar < symbols; waited++) await Task.Delay(250);
        }
        return stopwatch.Elapsed;
    }
}
