namespace OrleansMarketData.Bench.Load;

/// <summary>
/// What an Alpaca stream client subscribes to (docs/alpaca-compatibility.md, "Stream"): bars, quotes or trades. A bar
/// is emitted when its minute ends; a quote or trade when the simulated clock passes its own time.
/// </summary>
public enum StreamChannel
{
    Bars,
    Quotes,
    Trades,
}

public static class StreamChannels
{
    public static StreamChannel Parse(string value) => value switch
    {
        "bars" => StreamChannel.Bars,
        "quotes" => StreamChannel.Quotes,
        "trades" => StreamChannel.Trades,
        _ => throw new ArgumentException("--channel must be bars, quotes or trades"),
    };

    /// <summary>The key of the subscribe message: <c>{"action":"subscribe","quotes":[...]}</c>.</summary>
    public static string Key(this StreamChannel channel) => channel switch
    {
        StreamChannel.Quotes => "quotes",
        StreamChannel.Trades => "trades",
        _ => "bars",
    };

    /// <summary>The <c>T</c> of the channel's data messages.</summary>
    public static string Type(this StreamChannel channel) => channel switch
    {
        StreamChannel.Quotes => "q",
        StreamChannel.Trades => "t",
        _ => "b",
    };
}
