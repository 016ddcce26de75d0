namespace OrleansMarketData.Bench.Soak;

/// <summary>
/// Whether one process's resident memory levelled off: the mean of the last third of its samples against the
/// mean of the middle third (the first third is start-up and warm-up).
/// </summary>
public sealed record MemoryVerdict(string Name, int Pid, int Samples, double MiddleMb, double LastMb, string Verdict)
{
    /// <summary>Growth from the middle to the last third below which memory counts as level.</summary>
    public const double LevelShare = 0.05;

    public static MemoryVerdict Of(string name, int pid, IReadOnlyList<MemorySample> samples)
    {
        if (samples.Count < 6) return new(name, pid, samples.Count, double.NaN, double.NaN, "too few samples to judge");
        var third = samples.Count / 3;
        var middle = samples.Skip(third).Take(third).Average(s => s.ResidentKb) / 1024;
        var last = samples.Skip(samples.Count - third).Average(s => s.ResidentKb) / 1024;
        var growth = (last - middle) / middle;
        var verdict = growth <= LevelShare
            ? $"levels off ({growth:+0.0 %;-0.0 %})"
            : $"still growing ({growth:+0.0 %})";
        return new(name, pid, samples.Count, middle, last, verdict);
    }
}
