using Orleans.Concurrency;
using OrleansMarketData.Model;

namespace OrleansMarketData.Grains;

/// <summary>
/// The single upstream connection of one feed (key: the feed name). A symbol is held by its one symbol grain, as a
/// set: the upstream subscription exists from its subscribe, however often repeated, to its unsubscribe (a symbol
/// grain renews its hold every 30 s, so one activated anew holds it again).
/// </summary>
public interface IMarketFeedGrain : IGrainWithStringKey
{
    /// <summary>
    /// Holds <paramref name="symbol"/>; returns the feed's number of its newest bar so far (0 when none): every bar
    /// the subscriber receives from here on carries a higher one, so it can tell from the first whether one was lost.
    /// </summary>
    /// <remarks>
    /// Interleaved, as are <see cref="Unsubscribe"/> and <see cref="Renew"/>: each changes the holders before its first
    /// await, then waits for the state write, and calls that arrive while a write is in flight are saved together in
    /// the next one. Taken one at a time, a herd of 10,000 symbols would wait for 10,000 writes of the whole state.
    /// </remarks>
    [AlwaysInterleave]
    ValueTask<long> Subscribe(string symbol);

    [AlwaysInterleave]
    ValueTask Unsubscribe(string symbol);

    /// <summary>
    /// A subscriber that holds <paramref name="symbol"/> says so again; a feed grain activated anew after a silo
    /// failure relearns its symbols this way. A symbol the feed did not hold resumes after
    /// <paramref name="newestBar"/>, the subscriber's newest bar, so the minutes it missed meanwhile are delivered.
    /// </summary>
    [AlwaysInterleave]
    ValueTask Renew(string symbol, DateTimeOffset? newestBar);

    /// <summary>
    /// Activates the grain if it is not active: every silo calls this periodically, and a gateway's readiness check
    /// asks it whether the cluster answers.
    /// </summary>
    ValueTask Ping();

    ValueTask<FeedStatus> GetStatus();

    /// <summary>
    /// The symbols the feed's source lists (the simulator's named tickers); none when any symbol may exist upstream
    /// (Alpaca). Fixed for the life of the cluster's configuration, so callers may keep the answer.
    /// </summary>
    ValueTask<IReadOnlyList<string>> GetListedSymbols();
}
