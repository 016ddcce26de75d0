namespace OrleansMarketData.Gateway.Security;

/// <summary>
/// One client key pair, as Alpaca's <c>APCA-API-KEY-ID</c> and <c>APCA-API-SECRET-KEY</c>. The secret may be given
/// as its SHA-256 (hex), so configuration need not hold it in plain text.
/// </summary>
public sealed class ClientKey
{
    public string KeyId { get; set; } = "";

    public string? Secret { get; set; }

    public string? SecretSha256 { get; set; }
}
