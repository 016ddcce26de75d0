using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json;

namespace OrleansMarketData.Bench.Chaos;

/// <summary>What <c>/api/health</c> said at one moment; <see cref="Code"/> 0 when it did not answer in 5 s.</summary>
public sealed record HealthSample(DateTimeOffset At, int Code, string Status, string Store, string Upstream, bool Connected, int Silos, string LastError)
{
    public bool Healthy => Code == 200 && Status == "healthy" && Store == "ok" && Connected;

    /// <summary>The feed's missing minutes that a failed backfill has not filled yet (in <c>last_error</c>).</summary>
    public bool BackfillPending => LastError.StartsWith("backfill pending", StringComparison.Ordinal);

    public override string ToString() => Code == 0 ? "no answer"
        : $"{Code} {Status}, store {Store}, upstream {Upstream}, silos {Silos}{(BackfillPending ? ", backfill pending" : "")}";
}

/// <summary>Asks the load balancer's <c>/api/health</c> every second for the whole run.</summary>
public sealed class HealthWatch : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly ConcurrentQueue<HealthSample> _samples = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    public HealthWatch(Uri loadBalancer, string keyId, string secret)
    {
        _http = new HttpClient { BaseAddress = loadBalancer, Timeout = TimeSpan.FromSeconds(5) };
        _http.DefaultRequestHeaders.Add("APCA-API-KEY-ID", keyId);
        _http.DefaultRequestHeaders.Add("APCA-API-SECRET-KEY", secret);
        _running = Task.Run(RunAsync);
    }

    public IReadOnlyList<HealthSample> Between(DateTimeOffset from, DateTimeOffset to) =>
        _samples.Where(s => s.At >= from && s.At < to).ToList();

    public HealthSample? Latest => _samples.LastOrDefault();

    /// <summary>Waits until health is healthy again (every part) and returns when it first was, or null after <paramref name="limit"/>.</summary>
    public async Task<DateTimeOffset?> RecoveredAsync(DateTimeOffset since, TimeSpan limit)
    {
        var deadline = DateTimeOffset.UtcNow + limit;
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_samples.FirstOrDefault(s => s.At >= since && s.Healthy) is { } healthy) return healthy.At;
            await Task.Delay(500);
        }
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _running;
        _http.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var at = DateTimeOffset.UtcNow;
            try
            {
                using var response = await _http.GetAsync("/api/health", _stop.Token);
                var json = await response.Content.ReadFromJsonAsync<JsonElement>(_stop.Token);
                _samples.Enqueue(new HealthSample(at, (int)response.StatusCode, Text(json, "status"), Text(json, "store"),
                    Text(json, "upstream_state"), json.TryGetProperty("upstream_connected", out var c) && c.ValueKind == JsonValueKind.True,
                    json.TryGetProperty("silo_count", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : 0,
                    Text(json, "last_error")));
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
            {
                if (_stop.IsCancellationRequested) return;
                _samples.Enqueue(new HealthSample(at, 0, "", "", "", false, 0, ""));
            }
            try
            {
                await Task.Delay(1000, _stop.Token);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private static string Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}
