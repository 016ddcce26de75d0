namespace OrleansMarketData.Bench.Load;

/// <summary>
/// CPU time of the server and of the load generator, and the live bars received, sampled together at the two ends of
/// the measured window (wall time): CPU per delivered message is the CPU spent over the window divided by the bars
/// received over the same instants.
/// </summary>
public sealed class CpuWindow(int? serverPid, LoadRun run)
{
    private (DateTimeOffset Wall, TimeSpan? Server, TimeSpan Own, long Bars) _from;
    private (DateTimeOffset Wall, TimeSpan? Server, TimeSpan Own, long Bars) _to;

    public void Open() => _from = Sample();

    public void Close() => _to = Sample();

    public double WallSeconds => (_to.Wall - _from.Wall).TotalSeconds;

    /// <summary>Live bars received between the two samples.</summary>
    public long Bars => _to.Bars - _from.Bars;

    public double? ServerSeconds => _to.Server - _from.Server is { } cpu ? cpu.TotalSeconds : null;

    public double LoadSeconds => (_to.Own - _from.Own).TotalSeconds;

    /// <summary>Microseconds of CPU per bar received: NaN when nothing was received or the process could not be read.</summary>
    public double PerMessageUs(double? cpuSeconds) => cpuSeconds is { } s && Bars > 0 ? s * 1e6 / Bars : double.NaN;

    /// <summary>CPU over wall time: 1.0 is one core busy throughout.</summary>
    public double Cores(double? cpuSeconds) => cpuSeconds is { } s && WallSeconds > 0 ? s / WallSeconds : double.NaN;

    private (DateTimeOffset, TimeSpan?, TimeSpan, long) Sample() =>
        (DateTimeOffset.UtcNow, serverPid is { } pid ? ProcessCpu.Of(pid) : null, ProcessCpu.Own(), run.Bars);
}
