namespace OrleansMarketData.Client;

/// <summary>
/// A client key of the gateway (its <c>ClientAuth:Keys</c>), sent as the <c>APCA-API-KEY-ID</c> and
/// <c>APCA-API-SECRET-KEY</c> headers on every request and WebSocket upgrade. Needed only when the gateway has
/// client keys on.
/// </summary>
/// <param name="KeyId">The key's id.</param>
/// <param name="Secret">The key's secret; never written to logs or exceptions by this client.</param>
public sealed record ClientKey(string KeyId, string Secret)
{
    internal const string KeyIdHeader = "APCA-API-KEY-ID";
    internal const string SecretHeader = "APCA-API-SECRET-KEY";

    /// <summary>The key id only: a record's default text would show the secret.</summary>
    public override string ToString() => $"ClientKey {{ KeyId = {KeyId} }}";
}
