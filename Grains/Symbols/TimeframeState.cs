using OrleansMarketData.Model;

namespace OrleansMarketData.Symbols;

/// <summary>
/// Where one timeframe of a known symbol's history stands. Each starts <see cref="NotLoaded"/>; the first call that
/// names it starts <see cref="Loading"/>; a load ends <see cref="Ready"/> or <see cref="Failed"/>, and a call a few
/// seconds after a failure loads again. A longer timeframe is kept current through the 1-minute one, so it is loaded
/// with it, becomes ready only after it, and fails when it fails (docs/architecture.md).
/// </summary>
public abstract record TimeframeState
{
    private TimeframeState()
    {
    }

    /// <summary>Nobody asked for it yet: live minutes pass it by.</summary>
    public sealed record NotLoaded : TimeframeState
    {
        public static NotLoaded Instance { get; } = new();
    }

    /// <summary>Being loaded; live minutes that arrive meanwhile wait in <see cref="HeldBars"/>, in order.</summary>
    public sealed record Loading(List<Bar> HeldBars) : TimeframeState
    {
        /// <summary>Completes when the load has ended, whichever state it left.</summary>
        public TaskCompletionSource Ended { get; } = new();
    }

    /// <summary>Loaded, and kept current by live minutes.</summary>
    public sealed record Ready : TimeframeState
    {
        public static Ready Instance { get; } = new();
    }

    /// <summary>The load that started at <see cref="Started"/> failed.</summary>
    public sealed record Failed(string Error, DateTimeOffset Started) : TimeframeState;
}
