using System.Globalization;

namespace OrleansMarketData.Bench.Soak;

/// <summary>
/// One reading of a process's memory: resident (what the machine gives it) and its managed heap right after a full
/// garbage collection (what it holds on to), when the collection ran and its <c>/metrics</c> answered.
/// </summary>
public sealed record MemorySample(double Seconds, string Name, int Pid, long ResidentKb, long? ManagedKb);

/// <summary>
/// Every interval, the resident memory (VmRSS of <c>/proc/{pid}/status</c>) of each silo and gateway that
/// local-cluster.sh's state file names, read afresh each time so a restarted silo is followed under its new pid,
/// and its managed heap from the runtime's metrics (a gateway's HTTP port, a silo's metrics port) right after a
/// full collection made by <see cref="FullCollection"/>. The resident size of a .NET process also grows with GC
/// heaps it has not yet given back, and its heap after an ordinary collection with garbage not yet collected; the
/// heap after a full collection shows a leak. Each reading therefore costs every process one full collection.
/// </summary>
public sealed class MemorySampler(string stateFile, TimeSpan interval, DateTimeOffset runStart)
{
    private const string HeapMetric = "dotnet_gc_last_collection_heap_size_bytes";
    private const string Gen2Collections = "dotnet_gc_collections_total{otel_scope_name=\"System.Runtime\",gc_heap_generation=\"gen2\"}";
    private readonly List<MemorySample> _samples = [];
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(3) };

    public IReadOnlyList<MemorySample> Samples => _samples;

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await SampleOnceAsync();
                await Task.Delay(interval, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
        await SampleOnceAsync();
    }

    private async Task SampleOnceAsync()
    {
        var seconds = (DateTimeOffset.UtcNow - runStart).TotalSeconds;
        string[] lines;
        try
        {
            lines = File.ReadAllLines(stateFile);
        }
        catch (IOException)
        {
            return;
        }
        foreach (var line in lines)
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3 || fields[0] is not ("silo" or "gateway")) continue;
            if (!int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            if (ResidentKb(pid) is not { } kb) continue;
            // State lines: "gateway NAME PID HTTP_PORT" and "silo NAME PID SILO_PORT GATEWAY_PORT METRICS_PORT".
            var port = fields[0] == "gateway" ? fields.ElementAtOrDefault(3) : fields.ElementAtOrDefault(5);
            var managed = await ManagedKbAfterFullCollectionAsync(pid, port);
            lock (_samples) _samples.Add(new MemorySample(seconds, fields[1], pid, kb, managed));
        }
    }

    /// <summary>
    /// The sum over generations of the managed heap after a full collection, or null when the collection did not
    /// run (the gen2 count must have risen) or the metrics did not answer.
    /// </summary>
    private async Task<long?> ManagedKbAfterFullCollectionAsync(int pid, string? port)
    {
        if (port is null or "0") return null;
        if (await MetricsAsync(port) is not { } before) return null;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            if (!await FullCollection.RunAsync(pid, timeout.Token)) return null;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
        if (await MetricsAsync(port) is not { } after || Sum(after, Gen2Collections) <= Sum(before, Gen2Collections)) return null;
        var bytes = Sum(after, HeapMetric + "{");
        return bytes > 0 ? (long)(bytes / 1024) : null;
    }

    private async Task<string[]?> MetricsAsync(string port)
    {
        try
        {
            return (await _http.GetStringAsync($"http://127.0.0.1:{port}/metrics")).Split('\n');
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The sum of the values of the Prometheus lines that start with <paramref name="prefix"/>.</summary>
    private static double Sum(string[] lines, string prefix) => lines
        .Where(l => l.StartsWith(prefix, StringComparison.Ordinal))
        .Sum(l => double.TryParse(l[(l.LastIndexOf(' ') + 1)..], NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : 0);

    private static long? ResidentKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }
        catch (IOException)
        {
            // The process has just exited (the silo being restarted).
        }
        return null;
    }
}
