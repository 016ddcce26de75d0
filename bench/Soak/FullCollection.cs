using System.Diagnostics.Tracing;
using Microsoft.Diagnostics.NETCore.Client;

namespace OrleansMarketData.Bench.Soak;

/// <summary>
/// Makes another .NET process run a full, blocking garbage collection through its diagnostics port, as
/// <c>dotnet-gcdump</c> does before it walks a heap. A gateway under steady load runs few gen2 collections, so its
/// "heap after the last collection" also holds garbage promoted since the last one, and climbs for minutes without
/// a leak; right after a full collection it is what the process really holds.
/// </summary>
public static class FullCollection
{
    private const string RuntimeProvider = "Microsoft-Windows-DotNETRuntime";
    private const long GcKeyword = 0x1;
    /// <summary>The runtime answers a session that enables this keyword with an induced full collection.</summary>
    private const long GcHeapCollectKeyword = 0x800000;

    /// <summary>Runs the collection; false when the process has no diagnostics port (or has just exited).</summary>
    public static async Task<bool> RunAsync(int pid, CancellationToken cancellationToken)
    {
        try
        {
            var client = new DiagnosticsClient(pid);
            var providers = new[] { new EventPipeProvider(RuntimeProvider, EventLevel.Informational, GcKeyword | GcHeapCollectKeyword) };
            using var session = await client.StartEventPipeSessionAsync(providers, requestRundown: false, circularBufferMB: 16, cancellationToken);
            // The runtime stops writing when nobody reads, so the events are read and thrown away.
            var drain = session.EventStream.CopyToAsync(Stream.Null, cancellationToken);
            // The collection starts when the session does; a blocking one of a few hundred MB takes well under this.
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            await session.StopAsync(cancellationToken);
            await drain;
            return true;
        }
        catch (Exception ex) when (ex is ServerNotAvailableException or UnsupportedCommandException or EndOfStreamException or IOException)
        {
            return false;
        }
    }
}
