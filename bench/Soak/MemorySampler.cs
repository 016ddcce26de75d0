using System.Globalization;

namespace OrleansMarketData.Bench.Soak;

/// <summary>One reading of a process's resident memory.</summary>
public sealed record MemorySample(double Seconds, string Name, int Pid, long ResidentKb);

/// <summary>
/// Every interval, the resident memory (VmRSS of <c>/proc/{pid}/status</c>) of each silo and gateway that
/// local-cluster.sh's state file names; read afresh each time, so a restarted silo is followed under its new pid.
/// </summary>
public sealed class MemorySampler(string stateFile, TimeSpan interval, DateTimeOffset runStart)
{
    private readonly List<MemorySample> _samples = [];

    public IReadOnlyList<MemorySample> Samples => _samples;

    public async Task RunAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                SampleOnce();
                await Task.Delay(interval, stop);
            }
        }
        catch (OperationCanceledException)
        {
        }
        SampleOnce();
    }

    private void SampleOnce()
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
            if (ResidentKb(pid) is { } kb) lock (_samples) _samples.Add(new MemorySample(seconds, fields[1], pid, kb));
        }
    }

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
