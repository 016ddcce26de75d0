using System.Globalization;
using static OrleansMarketData.Gateway.Tests.AlpacaApi.AlpacaRest;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary><c>/v2/clock</c> on a gateway whose simulated market starts at a known time.</summary>
[Collection(KeyedGatewayCollection.Name)]
public sealed class AlpacaClockTests(KeyedGatewayFixture fixture)
{
    [Fact]
    public async Task Clock_on_an_early_close_day_before_a_holiday()
    {
        using var http = fixture.Authorized();
        var clock = await GetJsonAsync(http, "/v2/clock");

        Assert.True(clock.GetProperty("is_open").GetBoolean());
        Assert.InRange(AlpacaCalendarTests.Time(clock, "timestamp"), At("2024-07-03T12:00:00-04:00"), At("2024-07-03T12:10:00-04:00"));
        Assert.Equal("2024-07-03T13:00:00-04:00", clock.GetProperty("next_close").GetString());
        // July 4th is a holiday: the next open is on the 5th.
        Assert.Equal("2024-07-05T09:30:00-04:00", clock.GetProperty("next_open").GetString());
    }

    private static DateTimeOffset At(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
