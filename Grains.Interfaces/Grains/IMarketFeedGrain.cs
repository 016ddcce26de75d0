using Orleans.Concurrency;
using OrleansMarketData.Model;

namespace OrleansMarketData.Grains;

/// <summary>
/// The single upstream connection of one feed (key: the feed name). A symbol is held by its one symbol grain, as a
/// set: the upstream subscription exists from its subscribe, however often repeated, to its unsubscribe (a symbol
/// grain renews its hold every 30 s, so one activated anew holds it again).
/// </summary>
/// <remarks>
/// Subscribe, Unsubscribe and Renew interleave: each changes the holders at once and then waits for a state write
/// that the grain coalesces with the others in flight. One at a time, 2,000 symbol grains activated by a reconnect
/// herd queued here behind 2,000 writes, and their activations timed out (docs/operations.md, "Reconnect herds").
/// </remarks>
public interface IMarketFeedGrain : IGrainWithStringKey
{
    /// <summary>
    /// Holds <paramref name="symbol"/>; returns the feed's number of its newest bar so far (0 when none): every bar
    /// the subscriber receives from here on carries a higher one, so it can tell from the first whether one was lost.
    /// </summary>
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

    /// <summary>
    /// Sets what a gateway streams of the tape: its whole interest, replacing the one before (a set per gateway, so a
    /// repeated call changes nothing), and renews its registration, which lapses after
    /// <see cref="WatchRegistration.Expiry"/>. The feed subscribes upstream to a symbol's channel while some
    /// gateway's interest names it; an empty interest ends the registration.
    /// </summary>
    [AlwaysInterleave]
    ValueTask WatchTape(ITapeObserver gateway, TapeInterest interest);
}
