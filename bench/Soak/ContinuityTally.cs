using System.Collections.Concurrent;

namespace OrleansMarketData.Bench.Soak;

/// <summary>What every client saw, summed over the run, and the incidents grouped by what happened.</summary>
public sealed class ContinuityTally
{
    private const int MaxIncidents = 60;
    private readonly ConcurrentDictionary<string, Incident> _incidents = new();

    public long Opened, ConnectFailures, SnapshotsReceived, SnapshotTimeouts, ClosedByServer, Churned;
    public long NewBars, Updates, Lost, GapEvents, Duplicated, OutOfOrder, SnapshotGaps, BarsBeforeSnapshot;
    /// <summary>Bars due but not yet received when a client was closed by churn: delivery running late, not proof of loss.</summary>
    public long BehindAtChurn, MaxBehindAtChurn;
    /// <summary>Bars due (with grace) but never received by the end of the run: lost.</summary>
    public long MissingAtEnd, ClientsMissingAtEnd;

    /// <summary>Where incident times count from: the moment the first clients were connected.</summary>
    public DateTimeOffset RunStart { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>The same event seen by several clients (e.g. every socket of a symbol) is one incident with a count.</summary>
    public IEnumerable<Incident> Incidents => _incidents.Values.OrderBy(i => i.Seconds).Take(MaxIncidents);

    public int IncidentCount => _incidents.Count;

    public void Incident(string kind, string symbol, string detail)
    {
        var seconds = (DateTimeOffset.UtcNow - RunStart).TotalSeconds;
        _incidents.AddOrUpdate($"{kind} {symbol}: {detail}", key => new Incident(seconds, key, 1), (_, i) => i with { Clients = i.Clients + 1 });
    }

    public void Max(ref long field, long value)
    {
        long seen;
        while (value > (seen = Interlocked.Read(ref field)) && Interlocked.CompareExchange(ref field, value, seen) != seen)
        {
        }
    }
}

/// <summary>One kind of event on one symbol, first seen <see cref="Seconds"/> after the start, by <see cref="Clients"/> clients.</summary>
public sealed record Incident(double Seconds, string Text, int Clients);
