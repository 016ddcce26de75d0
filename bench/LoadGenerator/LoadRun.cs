using System.Collections.Concurrent;

namespace OrleansMarketData.Bench.Load;

/// <summary>
/// What all clients of one run share: the timeline, the measurement window, the latency histogram and counters.
/// A bar, quote or trade (all "bars" in the counters' names) belongs to the window by its emit time, not its receipt time, so late bars still count (and show as latency).
/// </summary>
public sealed class LoadRun(SimulatedTimeline timeline)
{
    private long _messages;
    private long _bytes;
    private long _barsInWindow;
    private long _bars;
    private long _windowFromTicks = long.MaxValue;
    private long _windowToTicks = long.MaxValue;
    /// <summary>The slowest receipt of each minute mark in the window (one per simulated minute).</summary>
    private readonly ConcurrentDictionary<long, long> _slowestByMark = new();

    public SimulatedTimeline Timeline => timeline;
    public LatencyHistogram Latency { get; } = new();
    public long Messages => Interlocked.Read(ref _messages);
    public long Bytes => Interlocked.Read(ref _bytes);
    public long BarsInWindow => Interlocked.Read(ref _barsInWindow);

    /// <summary>Every live bar received so far, whatever its emit time: sampled with the CPU times at both ends of the window.</summary>
    public long Bars => Interlocked.Read(ref _bars);
    public DateTimeOffset WindowFrom => new(Interlocked.Read(ref _windowFromTicks), TimeSpan.Zero);
    public DateTimeOffset WindowTo => new(Interlocked.Read(ref _windowToTicks), TimeSpan.Zero);

    /// <summary>The slowest receipt of each minute mark in the window, in ms, in emit order: shows whether one mark or all are slow.</summary>
    public double[] SlowestByMarkMs => [.. _slowestByMark.OrderBy(m => m.Key).Select(m => Math.Round(m.Value / (double)TimeSpan.TicksPerMillisecond, 1))];

    public void OpenWindow(DateTimeOffset from, DateTimeOffset to)
    {
        Interlocked.Exchange(ref _windowToTicks, to.UtcTicks);
        Interlocked.Exchange(ref _windowFromTicks, from.UtcTicks);
    }

    public void CountMessage(int bytes)
    {
        Interlocked.Increment(ref _messages);
        Interlocked.Add(ref _bytes, bytes);
    }

    /// <summary>Records a live bar; true when it was emitted inside the window.</summary>
    public bool Record(DateTimeOffset barStart, DateTimeOffset received)
    {
        var emitted = timeline.EmitTimeOf(barStart);
        return Record(emitted, emitted, received);
    }

    /// <summary>
    /// Records a live quote or trade, emitted when the simulated clock passed its own time; its mark is the end of its
    /// minute (the instant its minute's bar is emitted). True when it was emitted inside the window.
    /// </summary>
    public bool RecordTape(DateTimeOffset time, DateTimeOffset received)
    {
        var minute = new DateTimeOffset(time.UtcTicks - time.UtcTicks % TimeSpan.TicksPerMinute, TimeSpan.Zero);
        return Record(timeline.WallTimeOf(time), timeline.EmitTimeOf(minute), received);
    }

    private bool Record(DateTimeOffset emitted, DateTimeOffset mark, DateTimeOffset received)
    {
        Interlocked.Increment(ref _bars);
        if (emitted.UtcTicks < Interlocked.Read(ref _windowFromTicks) || emitted.UtcTicks >= Interlocked.Read(ref _windowToTicks)) return false;
        Interlocked.Increment(ref _barsInWindow);
        Latency.Record(received - emitted);
        var ticks = (received - emitted).Ticks;
        _slowestByMark.AddOrUpdate(mark.UtcTicks, ticks, (_, slowest) => Math.Max(slowest, ticks));
        return true;
    }
}
