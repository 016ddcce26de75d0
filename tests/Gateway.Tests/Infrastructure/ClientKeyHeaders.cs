namespace OrleansMarketData.Gateway.Tests.Infrastructure;

public static class ClientKeyHeaders
{
    /// <summary>Makes every request of <paramref name="http"/> present a client key in the Alpaca headers.</summary>
    public static HttpClient WithClientKey(this HttpClient http, string keyId, string secret)
    {
        http.DefaultRequestHeaders.Add("APCA-API-KEY-ID", keyId);
        http.DefaultRequestHeaders.Add("APCA-API-SECRET-KEY", secret);
        return http;
    }
}
