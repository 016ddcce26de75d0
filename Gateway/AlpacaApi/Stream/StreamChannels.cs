using OrleansMarketData.Gateway.Api;
using OrleansMarketData.Model;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>
/// One connection's subscriptions per channel, immutable: each subscribe or unsubscribe makes a new one, so the
/// fan-out can read the current set without locking. <c>"*"</c> in a list means every symbol.
/// </summary>
public sealed class StreamChannels
{
    public const string Wildcard = "*";

    /// <summary>Channels whose data this service produces (statuses: passed through from Alpaca; the simulator has no halts).</summary>
    public static readonly string[] Served = ["trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses"];

    /// <summary>Alpaca's other stock channels: subscribing to them is error 410, as on a feed that lacks them.</summary>
    public static readonly string[] Unserved = ["lulds", "imbalances"];

    /// <summary>The channels of the feed's tape, each with its name on the stream.</summary>
    public static readonly (string Name, TapeChannel Channel)[] TapeChannels =
        [("trades", TapeChannel.Trades), ("quotes", TapeChannel.Quotes), ("statuses", TapeChannel.Statuses)];

    /// <summary>Every key of a confirmation; corrections and cancelErrors mirror trades, as at Alpaca.</summary>
    public static readonly string[] ConfirmationKeys =
        ["trades", "quotes", "bars", "updatedBars", "dailyBars", "statuses", "lulds", "imbalances", "corrections", "cancelErrors"];

    /// <summary>Channels that need a symbol's candle stream.</summary>
    private static readonly string[] DataChannels = ["bars", "updatedBars", "dailyBars"];

    private readonly Dictionary<string, string[]> _lists;

    private StreamChannels(Dictionary<string, string[]> lists) => _lists = lists;

    public static StreamChannels Empty { get; } = new(Served.ToDictionary(c => c, _ => Array.Empty<string>(), StringComparer.Ordinal));

    /// <summary>The symbols of a channel in the order they were added; empty for channels not served.</summary>
    public IReadOnlyList<string> this[string channel] => _lists.GetValueOrDefault(channel) ?? [];

    public bool Wants(string channel, string symbol)
    {
        var list = this[channel];
        return list.Count > 0 && (list.Contains(Wildcard) || list.Contains(symbol));
    }

    /// <summary>
    /// Whether some channel whose <c>"*"</c> stands for the listed symbols (bars and trades, quotes) holds it: it counts
    /// against the symbol limit. Statuses' <c>"*"</c> is passed upstream as it is, as Alpaca allows it.
    /// </summary>
    public bool HasDataWildcard => DataChannels.Append("trades").Append("quotes").Any(c => this[c].Contains(Wildcard));

    /// <summary>Whether some bar channel holds the wildcard.</summary>
    public bool HasBarWildcard => DataChannels.Any(c => this[c].Contains(Wildcard));

    /// <summary>The symbols named in bar channels, wildcard aside: those whose candle stream the connection holds.</summary>
    public IEnumerable<string> DataSymbols => DataChannels.SelectMany(c => this[c]).Where(s => s != Wildcard).Distinct(StringComparer.Ordinal);

    /// <summary>The symbols named in any channel, wildcard aside: what counts against the symbol limit.</summary>
    public IEnumerable<string> NamedSymbols => Served.SelectMany(c => this[c]).Where(s => s != Wildcard).Distinct(StringComparer.Ordinal);

    /// <summary>
    /// The state after a subscribe or unsubscribe, or the error that leaves the current state as it is: 400 for an
    /// empty request or a malformed symbol, 410 for a channel we do not serve, 405 past the symbol limit.
    /// </summary>
    public (StreamChannels? Next, StreamError? Error) Apply(ClientRequest request, bool subscribe, int maxSymbols)
    {
        var changes = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var (channel, symbols) in request.Lists)
        {
            if (symbols.Length == 0) continue;
            if (Unserved.Contains(channel))
            {
                if (subscribe) return (null, StreamError.InvalidSubscribeAction);
                continue;
            }
            if (!Served.Contains(channel)) continue;
            var normalised = new string[symbols.Length];
            for (var i = 0; i < symbols.Length; i++)
            {
                if (symbols[i] == Wildcard) normalised[i] = Wildcard;
                else if (RequestValidation.TryParseSymbol(symbols[i], out var symbol, out _)) normalised[i] = symbol;
                else return (null, StreamError.InvalidSyntax);
            }
            changes[channel] = normalised;
        }
        if (changes.Count == 0 && !request.Lists.Any(l => l.Value.Length > 0)) return (null, StreamError.InvalidSyntax);

        var lists = new Dictionary<string, string[]>(_lists, StringComparer.Ordinal);
        foreach (var (channel, symbols) in changes)
        {
            lists[channel] = subscribe
                ? lists[channel].Concat(symbols).Distinct(StringComparer.Ordinal).ToArray()
                : lists[channel].Except(symbols, StringComparer.Ordinal).ToArray();
        }
        var next = new StreamChannels(lists);
        var count = Served.SelectMany(c => next[c]).Where(s => s != Wildcard).Distinct(StringComparer.Ordinal).Count();
        return subscribe && count > maxSymbols ? (null, StreamError.SymbolLimitExceeded) : (next, null);
    }
}
