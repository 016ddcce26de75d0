namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// Alpaca connection settings, bound from <c>Alpaca</c>. The environment variables ALPACA_API_KEY, ... and the SDKs'
/// APCA_API_KEY_ID, ... are mapped onto these by <see cref="AlpacaEnvironment"/>.
/// </summary>
public sealed class AlpacaOptions
{
    public const string Section = "Alpaca";

    public string? KeyId { get; set; }
    public string? SecretKey { get; set; }

    /// <summary>Set by <see cref="AlpacaEnvironment"/> when a key file (ALPACA_SECRET_FILE, ...) could not be read.</summary>
    public string? KeyFileError { get; set; }
    public string DataUrl { get; set; } = "https://data.alpaca.markets";

    /// <summary>The stream URL names the feed as its last segment (iex, sip, delayed_sip, test).</summary>
    public string StreamUrl { get; set; } = "wss://stream.data.alpaca.markets/v2/iex";

    /// <summary>The trading API, for the clock and the calendar.</summary>
    public string TradingUrl { get; set; } = "https://paper-api.alpaca.markets";

    /// <summary>REST requests the whole cluster may send per minute (Alpaca's free plan allows 200).</summary>
    public int RequestsPerMinute { get; set; } = 200;

    /// <summary>How long the stream may stay silent during market hours before it is reconnected.</summary>
    public TimeSpan StaleStreamTimeout { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>The longest wait between reconnect attempts.</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Keys are set: Alpaca replaces the simulator.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(KeyId) || !string.IsNullOrWhiteSpace(SecretKey);

    public string Feed => new Uri(StreamUrl).AbsolutePath.TrimEnd('/').Split('/')[^1];
}
