using System.Globalization;
using System.Text;

namespace OrleansMarketData.Bench.Soak;

/// <summary>The Markdown report of one soak run (bench/SOAK.md).</summary>
public sealed class SoakReport(SoakOptions options, SimulatedTimeline timeline, DateTimeOffset runStart, DateTimeOffset runEnd)
{
    private static readonly CultureInfo C = CultureInfo.InvariantCulture;

    public bool Passed(ContinuityTally t) => t.Lost + t.MissingAtEnd == 0 && t.Duplicated == 0;

    public string Write(ContinuityTally t, SymbolWarmUp.Result? warmUp, IReadOnlyList<SymbolProbe.Result> probes, IReadOnlyList<MemorySample> memory, RestartEvents restart, string machine)
    {
        var s = new StringBuilder();
        void Line(FormattableString text) => s.Append(text.ToString(C)).Append('\n');
        Line($"# Soak: {options.Clients} clients on {options.Symbols} symbols, churn, one silo restart");
        Line($"");
        Line($"Measured {runStart:yyyy-MM-dd HH:mm:ss} UTC with `{options.Command}` ({(runEnd - runStart).TotalSeconds:F0} s of load).");
        Line($"");
        s.Append(machine.TrimEnd()).Append("\n\n");
        Line($"| setting | value |");
        Line($"|---|---|");
        Line($"| cluster | deploy/local-cluster.sh: redis-server, 2 silos, 2 gateways, nginx; clients connect through nginx |");
        Line($"| clients | {options.Clients} sockets on `/ws/candles/{{symbol}}?timeframe=1Min&limit={options.Limit}`, over {options.Symbols} symbols ({string.Join(", ", TradingMinutes.Symbols(options.Symbols))}) |");
        Line($"| churn | every {options.ChurnEverySeconds:0.#} s, {options.Churn} random clients close and {options.Churn} new ones open (each gets its snapshot first) |");
        Line($"| simulated feed | speed {timeline.Speed:0.#} (one simulated minute per {60 / timeline.Speed:0.##} s); market time {Market(runStart)} → {Market(runEnd)} New York |");
        if (warmUp is { } w) Line($"| before the load | every symbol activated first (`GET /latest` until 200): {w.Ready} of {w.Requested} ready in {w.Seconds:F1} s |");
        Line($"| silo restart | {RestartText(restart)} |");
        Line($"");
        Line($"## Continuity");
        Line($"");
        Line($"Each client checks every live bar against its newest: the same timestamp is an update; a later one must be the");
        Line($"next minute that has a bar in the simulator's calendar (no bars at night, on weekends and holidays, all minutes");
        Line($"of regular hours, about two thirds of pre-market and after-hours minutes), else the minutes between are lost;");
        Line($"an earlier timestamp it already had is a duplicate. At the end, every bar due 3 s (wall time) before must have arrived.");
        Line($"");
        Line($"| | count |");
        Line($"|---|---|");
        Line($"| **lost bars** (gaps in live bars) | **{t.Lost}** in {t.GapEvents} gap(s) |");
        Line($"| **lost bars** (due but not received by the end) | **{t.MissingAtEnd}** on {t.ClientsMissingAtEnd} client(s) |");
        Line($"| **duplicated bars** | **{t.Duplicated}** |");
        Line($"| out-of-order bars (earlier, not seen before) | {t.OutOfOrder} |");
        Line($"| gaps inside historical snapshots | {t.SnapshotGaps} |");
        Line($"| live bars before the snapshot | {t.BarsBeforeSnapshot} |");
        Line($"| new live bars checked | {t.NewBars} |");
        Line($"| updates of the newest bar (same timestamp) | {t.Updates} |");
        Line($"| sockets opened (first {options.Clients} + churn + replacements) | {t.Opened} |");
        Line($"| snapshots received | {t.SnapshotsReceived} |");
        Line($"| clients closed by churn | {t.Churned} |");
        Line($"| bars due but still on the way when churn closed a client (late, not lost) | {t.BehindAtChurn} (at most {t.MaxBehindAtChurn} on one client) |");
        Line($"| connect failures / no snapshot within 20 s / closed by the server | {t.ConnectFailures} / {t.SnapshotTimeouts} / {t.ClosedByServer} |");
        Line($"");
        Line($"Verdict: **{(Passed(t) ? "PASS" : "FAIL")}** (lost and duplicated must both be 0). Lost bars that earlier runs found, and why: [findings.md](findings.md#soak-benchsoaksh).");
        if (t.IncidentCount > 0)
        {
            Line($"");
            Line($"Incidents ({t.IncidentCount} distinct; seconds from the start of the load, bar times as New York minutes):");
            Line($"");
            foreach (var i in t.Incidents) Line($"- +{i.Seconds:F1} s {i.Text}{(i.Clients > 1 ? $" ({i.Clients} clients)" : "")}");
        }
        Line($"");
        var behind = probes.Where(p => p.Error is not null || p.GrainNewest < p.Due).ToList();
        Line($"At the end, each symbol's newest 1-minute bar as its grain serves it (`/api/symbols/{{s}}/latest`) against the newest bar due: {(behind.Count == 0 ? $"all {probes.Count} current." : $"{probes.Count - behind.Count} of {probes.Count} current; behind:")}");
        foreach (var p in behind)
            Line($"- {p.Symbol}: {(p.Error is { } e ? $"request failed ({e})" : $"grain's newest {Show(p.GrainNewest)}, due {Show(p.Due)}")}");
        Line($"");
        WriteMemory(s, memory, restart);
        return s.ToString();
    }

    private void WriteMemory(StringBuilder s, IReadOnlyList<MemorySample> memory, RestartEvents restart)
    {
        void Line(FormattableString text) => s.Append(text.ToString(C)).Append('\n');
        var names = memory.Select(m => m.Name).Distinct().Order(StringComparer.Ordinal).ToList();
        var firstPid = names.ToDictionary(n => n, n => memory.First(m => m.Name == n).Pid);
        Line($"## Memory (MB: resident, and in brackets the managed heap right after a full GC)");
        Line($"");
        Line($"Sampled every {options.SampleEverySeconds:0.#} s: VmRSS from /proc/<pid>/status; the heap from each process's `/metrics` (`dotnet_gc_last_collection_heap_size_bytes`) right after the soak made it run a full collection through its diagnostics port (so each sample costs every process one full GC; without it, a gateway's heap after its last ordinary GC climbs for minutes with garbage a full GC would free); `*` marks the restarted silo's new process.");
        Line($"");
        s.Append("| s | ").AppendJoin(" | ", names).Append(" |\n|---|").Append(string.Concat(names.Select(_ => "---|"))).Append('\n');
        foreach (var round in memory.GroupBy(m => Math.Round(m.Seconds)))
        {
            s.Append(C, $"| {round.Key:F0} |");
            foreach (var name in names)
            {
                var sample = round.FirstOrDefault(m => m.Name == name);
                s.Append(sample is null ? " – |" : string.Create(C, $" {sample.ResidentKb / 1024.0:F0}{Heap(sample)}{(sample.Pid != firstPid[name] ? "*" : "")} |"));
            }
            s.Append('\n');
        }
        Line($"");
        Line($"Levelling off: mean of the last third of each process's samples against its middle third, of the managed heap after a full GC where nearly every sample has it (the resident size also holds GC heap not yet given back); level when it grew by at most {MemoryVerdict.LevelShare:0 %}.");
        Line($"The surviving silo takes over the killed silo's grains, so its memory steps up after the restart.");
        Line($"");
        Line($"| process | pid | samples | resident, middle third | resident, last third | heap, middle third | heap, last third | verdict |");
        Line($"|---|---|---|---|---|---|---|---|");
        foreach (var series in memory.GroupBy(m => (m.Name, m.Pid)).OrderBy(g => g.Key.Name, StringComparer.Ordinal))
        {
            var v = MemoryVerdict.Of(series.Key.Name, series.Key.Pid, series.ToList());
            var which = series.Key.Pid != firstPid[series.Key.Name] ? " (after the restart)"
                : restart["new_pid"] is { } && restart["silo"] == series.Key.Name ? " (before the restart)" : "";
            Line($"| {v.Name}{which} | {v.Pid} | {v.Samples} | {Mb(v.MiddleMb)} | {Mb(v.LastMb)} | {Mb(v.MiddleHeapMb, "F1")} | {Mb(v.LastHeapMb, "F1")} | {v.Verdict} |");
        }
    }

    private string RestartText(RestartEvents r)
    {
        if (r["silo"] is not { } silo) return r["error"] ?? "none";
        var killed = r.SecondsAfter("killed_at", runStart);
        var rejoined = r.SecondsAfter("rejoined_at", runStart);
        var text = string.Create(C, $"{silo} (pid {r["old_pid"]}{(r["hosted_feed"] == "true" ? ", hosting the market feed" : "")}) killed with SIG{r["signal"]} at +{killed:F0} s and started again at once (pid {r["new_pid"]})");
        text += rejoined is { } back
            ? string.Create(C, $"; the cluster counted 2 silos again {back - killed:F1} s after the kill")
            : "; it was not seen back in the cluster" + (r["error"] is { } e ? $" ({e})" : "");
        return text;
    }

    private string Market(DateTimeOffset wall) =>
        OrleansMarketData.Model.NewYorkTime.ToNewYork(timeline.MarketTimeAt(wall)).ToString("yyyy-MM-dd HH:mm", C);

    private static string Show(DateTimeOffset? t) =>
        t is { } time ? OrleansMarketData.Model.NewYorkTime.ToNewYork(time).ToString("yyyy-MM-dd HH:mm", C) : "none";

    private static string Heap(MemorySample sample) =>
        sample.ManagedKb is { } kb ? string.Create(C, $" ({kb / 1024.0:F1})") : "";

    private static string Mb(double mb, string format = "F0") => double.IsNaN(mb) ? "–" : mb.ToString(format, C);
}
