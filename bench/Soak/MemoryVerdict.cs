namespace OrleansMarketData.Bench.Soak;

/// <summary>
/// Whether one process's memory levelled off: the mean of the last third of its samples against the mean of the
/// middle third (the first third is start-up and warm-up), for the managed heap after a full collection when nearly
/// every sample has it (a leak shows there; a sample whose collection did not run has none), else for the resident
/// size.
/// </summary>
public sealed record MemoryVerdict(
    string Name, int Pid, int Samples, double MiddleMb, double LastMb, double MiddleHeapMb, double LastHeapMb, string Verdict)
{
    /// <summary>Growth from the middle to the last third below which memory counts as level.</summary>
    public const double LevelShare = 0.05;

    public static MemoryVerdict Of(string name, int pid, IReadOnlyList<MemorySample> samples)
    {
        if (samples.Count < 6) return new(name, pid, samples.Count, double.NaN, double.NaN, double.NaN, double.NaN, "too few samples to judge");
        var third = samples.Count / 3;
        var middleSamples = samples.Skip(third).Take(third).ToList();
        var lastSamples = samples.Skip(samples.Count - third).ToList();
        var middle = middleSamples.Average(s => s.ResidentKb) / 1024.0;
        var last = lastSamples.Average(s => s.ResidentKb) / 1024.0;
        var heaps = samples.Where(s => s.ManagedKb is not null).Select(s => s.ManagedKb!.Value / 1024.0).ToList();
        var withHeap = heaps.Count >= 6 && heaps.Count * 10 >= samples.Count * 9;
        var heapThird = heaps.Count / 3;
        var middleHeap = withHeap ? heaps.Skip(heapThird).Take(heapThird).Average() : double.NaN;
        var lastHeap = withHeap ? heaps.Skip(heaps.Count - heapThird).Average() : double.NaN;
        var (what, growth) = withHeap ? ("managed heap", (lastHeap - middleHeap) / middleHeap) : ("resident", (last - middle) / middle);
        var verdict = growth <= LevelShare
            ? $"{what} levels off ({growth:+0.0 %;-0.0 %})"
            : $"{what} still growing ({growth:+0.0 %})";
        return new(name, pid, samples.Count, middle, last, middleHeap, lastHeap, verdict);
    }
}
