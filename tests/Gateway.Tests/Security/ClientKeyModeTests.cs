using System.Net;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Security;

/// <summary>
/// Client keys are on exactly when keys are given, unless <c>ClientAuth:Enabled</c> says otherwise; a key whose
/// fields are all blank (docker-compose.yml with its variables unset) is no key. The start-up log says which.
/// </summary>
public sealed class ClientKeyModeTests
{
    [Fact]
    public async Task Blank_key_settings_leave_keys_off_and_the_log_says_so()
    {
        await using var gateway = new GatewayFactory(new Dictionary<string, string?>
        {
            ["ClientAuth:Keys:0:KeyId"] = "",
            ["ClientAuth:Keys:0:SecretSha256"] = "",
        });
        using var http = gateway.CreateHttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/symbols/AAPL/latest")).StatusCode);
        Assert.Contains(gateway.Logs.Lines, line => line.Contains(": Client keys are off"));
    }

    [Fact]
    public async Task A_key_given_without_Enabled_turns_keys_on()
    {
        await using var gateway = new GatewayFactory(new Dictionary<string, string?>
        {
            ["ClientAuth:Keys:0:KeyId"] = "compose-client",
            ["ClientAuth:Keys:0:Secret"] = "s3cret",
        });
        using var http = gateway.CreateHttpClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/symbols/AAPL/latest")).StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/symbols/AAPL/latest");
        request.Headers.Add("APCA-API-KEY-ID", "compose-client");
        request.Headers.Add("APCA-API-SECRET-KEY", "s3cret");
        Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        Assert.Contains(gateway.Logs.Lines, line => line.Contains(": Client keys are on: 1 key(s)"));
    }
}
