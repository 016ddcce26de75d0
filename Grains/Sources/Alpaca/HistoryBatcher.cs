using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// Turns history requests of many symbols for one timeframe into multi-symbol requests, so that a burst costs few of
/// the account's requests. A request joins an open batch whose range is close to its own (<see cref="Batch.Admits"/>):
/// the batch asks for the union of its ranges, and each caller keeps its own symbol's bars within its own range. A
/// batch stays open for 50 ms (1 s when its range is short) and then until the request budget gives it its turn, so
/// that requests made one after another while the budget is spent share a request instead of queueing one each.
/// After a restart every symbol asks for the few minutes after its stored bars, each after its own store read; it is
/// those requests that this gathers.
/// </summary>
public sealed class HistoryBatcher(AlpacaRestClient rest, IRequestBudget budget, TimeProvider time)
{
    private static readonly TimeSpan Gather = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How long a batch of short ranges (the minutes after a stored run, the seam before a first live minute) gathers:
    /// restarted symbols ask for them one after another, each after its own store read, and none is a user's first
    /// chart waiting.
    /// </summary>
    private static readonly TimeSpan ShortGather = TimeSpan.FromSeconds(1);
    private readonly List<Batch> _open = [];

    /// <summary>The bars of <paramref name="symbol"/> in [<paramref name="start"/>, <paramref name="end"/>), oldest first.</summary>
    public async Task<List<Bar>> GetBarsAsync(
        string symbol, Timeframe timeframe, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        Batch? batch;
        lock (_open)
        {
            batch = _open.Find(open => open.Admits(symbol, timeframe, start, end));
            if (batch is null)
            {
                batch = new Batch(timeframe, start, end);
                _open.Add(batch);
                _ = SendAsync(batch);
            }
            batch.Add(symbol, start, end);
        }
        var bars = await batch.Result.Task.WaitAsync(cancellationToken);
        return bars.TryGetValue(symbol, out var all) ? all.FindAll(bar => bar.Time >= start && bar.Time < end) : [];
    }

    private async Task SendAsync(Batch batch)
    {
        try
        {
            await Task.Delay(batch.IsShort ? ShortGather : Gather, time);
            await budget.WaitTurnAsync(CancellationToken.None);
            lock (_open) _open.Remove(batch);
            batch.Result.SetResult(await rest.GetBarsAsync(
                batch.Symbols, batch.Timeframe.Name(), batch.Start, batch.End, CancellationToken.None, turnTaken: true));
        }
        catch (Exception ex)
        {
            lock (_open) _open.Remove(batch);
            batch.Result.SetException(ex);
        }
    }

    /// <summary>Symbols of one timeframe asked for together; only touched under the batcher's lock until it is sent.</summary>
    private sealed class Batch(Timeframe timeframe, DateTimeOffset start, DateTimeOffset end)
    {
        private const int MaxSymbols = 100;

        /// <summary>How many bars longer than twice its shortest member's range a batch's range may grow.</summary>
        private const int SlackBars = 30;

        private TimeSpan _shortest = end - start;

        /// <summary>Whether the first request spanned at most 30 bars.</summary>
        public bool IsShort { get; } = end - start <= SlackBars * timeframe.LengthAtMost();

        public Timeframe Timeframe => timeframe;
        public DateTimeOffset Start { get; private set; } = start;
        public DateTimeOffset End { get; private set; } = end;
        public HashSet<string> Symbols { get; } = new(StringComparer.Ordinal);
        public TaskCompletionSource<Dictionary<string, List<Bar>>> Result { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>
        /// Whether a request fits: the same timeframe, room for its symbol, and a union of ranges at most twice the
        /// shortest plus 30 bars, so that no member fetches much more than it asked for: the few minutes after
        /// several symbols' stored runs go together, a few minutes and a whole history do not.
        /// </summary>
        public bool Admits(string symbol, Timeframe requested, DateTimeOffset from, DateTimeOffset to)
        {
            if (requested != timeframe || (Symbols.Count >= MaxSymbols && !Symbols.Contains(symbol))) return false;
            var shortest = TimeSpan.FromTicks(Math.Min(_shortest.Ticks, (to - from).Ticks));
            var union = Max(End, to) - Min(Start, from);
            return union <= 2 * shortest + SlackBars * timeframe.LengthAtMost();
        }

        public void Add(string symbol, DateTimeOffset from, DateTimeOffset to)
        {
            Symbols.Add(symbol);
            (Start, End) = (Min(Start, from), Max(End, to));
            if (to - from < _shortest) _shortest = to - from;
        }

        private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

        private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
    }
}
