namespace OrleansMarketData.Bench.Chaos;

/// <summary>
/// One fault: <see cref="InjectAsync"/> starts it, <see cref="HealAsync"/> ends it (for a one-off fault such as a kill,
/// it waits for the restart). <see cref="Reported"/> says whether a health sample taken meanwhile shows the fault.
/// </summary>
public sealed record Scenario(
    string Name,
    Func<Task> InjectAsync,
    Func<Task> HealAsync,
    Func<HealthSample, bool> Reported,
    string ReportedMeans);

/// <summary>What one scenario came to.</summary>
public sealed record ScenarioResult(
    Scenario Scenario,
    DateTimeOffset Start,
    DateTimeOffset Healed,
    DateTimeOffset End,
    IReadOnlyList<HealthSample> DuringFault,
    DateTimeOffset? RecoveredAt,
    string? Extra)
{
    public bool Reported => DuringFault.Any(Scenario.Reported);

    /// <summary>The health samples taken during the fault, consecutive repeats folded.</summary>
    public string HealthSeen =>
        string.Join("; ", DuringFault.Select(s => s.ToString()).Aggregate(new List<string>(), (seen, s) =>
        {
            if (seen.Count == 0 || seen[^1] != s) seen.Add(s);
            return seen;
        }).Take(4));
}
