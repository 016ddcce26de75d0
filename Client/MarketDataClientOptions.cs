namespace OrleansMarketData.Client;

/// <summary>Settings of a <see cref="MarketDataClient"/>.</summary>
public sealed class MarketDataClientOptions
{
    /// <summary>The client key, when the gateway requires one.</summary>
    public ClientKey? Key { get; set; }

    /// <summary>The first wait before a WebSocket reconnect; it doubles after each failed attempt. Default 0.5 s.</summary>
    public TimeSpan InitialReconnectDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between reconnect attempts. Default 30 s.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reconnect attempts in a row, without a successful connection between them, before the stream fails with
    /// <see cref="MarketDataException"/>; 0 means retry until cancelled (the default).
    /// </summary>
    public int MaxReconnectAttempts { get; set; }
}
