using System.Net;
using System.Net.WebSockets;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests;

public sealed class ProcessTests
{
    [Fact]
    public async Task Gateway_process_becomes_healthy_and_on_a_stop_signal_closes_its_sockets_and_exits()
    {
        using var gateway = new GatewayProcess(new Dictionary<string, string> { ["MarketData__Simulator__Speed"] = "60" });
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };

        await gateway.WaitUntilAnswersAsync("/api/health");
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/symbols/AAPL/historical?limit=100")).StatusCode);
        await using var client = await SocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{gateway.Port}/ws/candles/AAPL"));
        Assert.NotNull(await client.ReceiveAsync(TimeSpan.FromSeconds(20)));

        gateway.Stop();
        Assert.True(await gateway.WaitForExitAsync(TimeSpan.FromSeconds(10)), "still running 10 s after SIGTERM:\n" + gateway.Output);
        Assert.Equal(0, gateway.ExitCode);
        await client.ReceiveUntilClosedAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
    }

    [Fact]
    public async Task Started_from_another_folder_the_gateway_keeps_its_log_levels_and_logs_no_request_url_with_a_key()
    {
        var folder = Directory.CreateTempSubdirectory("market-data-elsewhere-");
        const string secret = "url-secret-3e9a";
        using var gateway = new GatewayProcess(new Dictionary<string, string>
        {
            ["ClientAuth__Enabled"] = "true",
            ["ClientAuth__Keys__0__KeyId"] = "URLKEY",
            ["ClientAuth__Keys__0__Secret"] = secret,
        }, folder.FullName);
        await gateway.WaitUntilAnswersAsync($"/api/symbols/AAPL/latest?apiKey=URLKEY:{secret}");
        gateway.Stop();
        Assert.True(await gateway.WaitForExitAsync(TimeSpan.FromSeconds(10)), gateway.Output);
        Assert.DoesNotContain(secret, gateway.Output);
        Assert.DoesNotContain("Request starting", gateway.Output);
        folder.Delete(recursive: true);
    }

    [Theory]
    [InlineData("MarketData__Simulator__Speed", "0", "MarketData:Simulator:Speed")]
    [InlineData("MarketData__Indicators__RsiPeriod", "0", "MarketData:Indicators:RsiPeriod")]
    [InlineData("Gateway__SendQueueCapacity", "0", "Gateway:SendQueueCapacity")]
    [InlineData("MarketData__Streams__PollPeriod", "00:01:00", "MarketData:Streams:PollPeriod")]
    [InlineData("ClientAuth__Enabled", "true", "ClientAuth:Keys")]
    [InlineData("ClientLimits__RequestsPerSecond", "-1", "ClientLimits:RequestsPerSecond")]
    [InlineData("Cluster__GatewayPort", "30001 9465", "Cluster:GatewayPort")]
    [InlineData("Cluster__Kubernetes", "true", "Cluster:Kubernetes")]
    public async Task Invalid_setting_stops_start_up_with_a_message_that_names_it(string variable, string value, string setting)
    {
        using var gateway = new GatewayProcess(new Dictionary<string, string> { [variable] = value });
        Assert.True(await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30)), "did not stop:\n" + gateway.Output);
        Assert.NotEqual(0, gateway.ExitCode);
        Assert.Contains(setting, gateway.Output);
        Assert.Contains("Invalid configuration", gateway.Output);
        Assert.DoesNotContain("Unhandled exception", gateway.Output);
    }
}
