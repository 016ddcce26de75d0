using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests;

public sealed class ProcessTests
{
    [Fact]
    public async Task Gateway_process_is_healthy_within_20_seconds_and_on_ctrl_c_closes_its_sockets_and_exits()
    {
        using var gateway = new GatewayProcess(new Dictionary<string, string> { ["MarketData__Simulator__Speed"] = "60" });
        using var http = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };

        var started = Stopwatch.StartNew();
        var healthy = false;
        while (!healthy && started.Elapsed < TimeSpan.FromSeconds(20) && !gateway.HasExited)
        {
            try
            {
                healthy = (await http.GetAsync("/api/health")).StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250);
            }
        }
        Assert.True(healthy, "no healthy answer within 20 s:\n" + gateway.Output);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/symbols/AAPL/historical?limit=100")).StatusCode);
        await using var client = await SocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{gateway.Port}/ws/candles/AAPL"));
        Assert.NotNull(await client.ReceiveAsync(TimeSpan.FromSeconds(20)));

        gateway.Interrupt();
        Assert.True(await gateway.WaitForExitAsync(TimeSpan.FromSeconds(10)), "still running 10 s after Ctrl-C:\n" + gateway.Output);
        Assert.Equal(0, gateway.ExitCode);
        await client.ReceiveUntilClosedAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
    }

    [Theory]
    [InlineData("MarketData__Simulator__Speed", "0", "MarketData:Simulator:Speed")]
    [InlineData("MarketData__Indicators__RsiPeriod", "0", "MarketData:Indicators:RsiPeriod")]
    [InlineData("Gateway__SendQueueCapacity", "0", "Gateway:SendQueueCapacity")]
    [InlineData("MarketData__Streams__PollPeriod", "00:01:00", "MarketData:Streams:PollPeriod")]
    [InlineData("ClientAuth__Enabled", "true", "ClientAuth:Keys")]
    [InlineData("ClientLimits__RequestsPerSecond", "-1", "ClientLimits:RequestsPerSecond")]
    public async Task Invalid_setting_stops_start_up_with_a_message_that_names_it(string variable, string value, string setting)
    {
        using var gateway = new GatewayProcess(new Dictionary<string, string> { [variable] = value });
        Assert.True(await gateway.WaitForExitAsync(TimeSpan.FromSeconds(30)), "did not stop:\n" + gateway.Output);
        Assert.NotEqual(0, gateway.ExitCode);
        Assert.Contains(setting, gateway.Output);
    }
}
