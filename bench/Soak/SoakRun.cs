namespace OrleansMarketData.Bench.Soak;

/// <summary>
/// Keeps <c>--clients</c> sockets open over the symbols for the run's duration; every churn round closes some at
/// random and opens as many new ones (which start with a snapshot), and replaces sockets the server closed or that
/// failed to open.
/// </summary>
public sealed class SoakRun(SoakOptions options, TradingMinutes minutes, SimulatedTimeline timeline, ContinuityTally tally)
{
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(20);
    private readonly IReadOnlyList<string> _symbols = TradingMinutes.Symbols(options.Symbols);
    private readonly List<ContinuityClient> _clients = [];
    private readonly Random _random = new(20250610);
    private int _next;

    public IReadOnlyList<SymbolProbe.Result> Probes { get; private set; } = [];

    public SymbolWarmUp.Result? WarmUp { get; private set; }

    public async Task RunAsync(Action ready)
    {
        WarmUp = await SymbolWarmUp.RunAsync(options.Url, _symbols, TimeSpan.FromSeconds(60), options.KeyQuery);
        await OpenAsync(options.Clients);
        ready();
        var end = DateTimeOffset.UtcNow + TimeSpan.FromSeconds(options.DurationSeconds);
        var round = TimeSpan.FromSeconds(options.ChurnEverySeconds);
        while (DateTimeOffset.UtcNow + round < end)
        {
            await Task.Delay(round);
            await ChurnAsync();
        }
        var left = end - DateTimeOffset.UtcNow;
        if (left > TimeSpan.Zero) await Task.Delay(left);
        // Every bar due by now (with a few seconds' grace) must have reached every open socket.
        foreach (var client in _clients.Where(c => !c.Ended)) client.CheckDue(final: true);
        Probes = await SymbolProbe.ProbeAsync(options.Url, _symbols, minutes, timeline, options.KeyQuery);
        await Task.WhenAll(_clients.Select(c => c.CloseAsync(churn: false)));
    }

    private async Task ChurnAsync()
    {
        _clients.RemoveAll(c => c.Ended);
        var leaving = _clients.OrderBy(_ => _random.Next()).Take(Math.Min(options.Churn, _clients.Count)).ToList();
        foreach (var client in leaving) _clients.Remove(client);
        Interlocked.Add(ref tally.Churned, leaving.Count);
        var closing = Task.WhenAll(leaving.Select(c => c.CloseAsync(churn: true)));
        await Task.WhenAll(closing, OpenAsync(options.Clients - _clients.Count));
    }

    private async Task OpenAsync(int count)
    {
        var opening = Enumerable.Range(0, count).Select(_ => new ContinuityClient(_symbols[_next++ % _symbols.Count], minutes, timeline, tally)).ToList();
        await Parallel.ForEachAsync(opening, new ParallelOptions { MaxDegreeOfParallelism = 50 },
            async (client, _) => await client.OpenAsync(options.Url, options.Limit, options.KeyQuery, OpenTimeout));
        _clients.AddRange(opening.Where(c => !c.Ended));
    }
}
