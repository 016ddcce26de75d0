namespace OrleansMarketData.Gateway.AlpacaApi;

/// <summary>
/// Settings of the Alpaca-compatible endpoints (<c>/v2/{feed}</c> stream, <c>/v2/stocks/...</c> REST), bound from
/// <c>AlpacaApi</c>. These are the keys the gateway's own clients present, never the upstream Alpaca keys.
/// </summary>
public sealed class AlpacaApiOptions
{
    public const string Section = "AlpacaApi";

    /// <summary>
    /// Key pairs clients may authenticate with. Empty (the default, for local development): the stream accepts any
    /// non-empty key and secret, and REST accepts every request.
    /// </summary>
    public ClientKey[] Keys { get; set; } = [];

    /// <summary>How long a stream client has to authenticate before it gets error 404 "auth timeout".</summary>
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Symbols one stream connection may subscribe to, over all channels; more is error 405.</summary>
    public int MaxSymbolsPerConnection { get; set; } = 1000;

    /// <summary>Largest stream client message, in bytes: room for a subscribe of the maximum number of symbols.</summary>
    public int MaxMessageBytes { get; set; } = 65_536;

    public string? Validate()
    {
        for (var i = 0; i < Keys.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(Keys[i].KeyId)) return $"AlpacaApi:Keys:{i}:KeyId must not be empty";
            if (string.IsNullOrWhiteSpace(Keys[i].Secret)) return $"AlpacaApi:Keys:{i}:Secret must not be empty";
        }
        if (AuthTimeout <= TimeSpan.Zero || AuthTimeout > TimeSpan.FromMinutes(10)) return "AlpacaApi:AuthTimeout must be between 00:00:00 and 00:10:00";
        if (MaxSymbolsPerConnection is < 1 or > 100_000) return "AlpacaApi:MaxSymbolsPerConnection must be between 1 and 100000";
        if (MaxMessageBytes is < 256 or > 4_194_304) return "AlpacaApi:MaxMessageBytes must be between 256 and 4194304";
        return null;
    }
}

/// <summary>One client key pair, as Alpaca's <c>APCA-API-KEY-ID</c> and <c>APCA-API-SECRET-KEY</c>.</summary>
public sealed class ClientKey
{
    public string KeyId { get; set; } = "";

    public string Secret { get; set; } = "";
}
