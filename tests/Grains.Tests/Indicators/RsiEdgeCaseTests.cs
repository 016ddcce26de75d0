using OrleansMarketData.Indicators;

namespace OrleansMarketData.Tests.Indicators;

/// <summary>RSI corner cases from the definition in the reference README, computed by hand.</summary>
public sealed class RsiEdgeCaseTests
{
    private static double?[] Rsi(int period, params double[] closes)
    {
        var rsi = new WilderRsi(period);
        return closes.Select(rsi.Add).ToArray();
    }

    [Fact]
    public void Hand_computed_values()
    {
        // changes +1, −0.5, +1. Seed at index 2: avgGain 0.5, avgLoss 0.25, RS 2 → 66.67.
        // Index 3: avgGain (0.5 + 1) / 2 = 0.75, avgLoss (0.25 + 0) / 2 = 0.125, RS 6 → 100 − 100/7.
        var values = Rsi(2, 10, 11, 10.5, 11.5);
        Assert.Null(values[0]);
        Assert.Null(values[1]);
        Assert.Equal(100 - 100 / 3.0, values[2]!.Value, 12);
        Assert.Equal(100 - 100 / 7.0, values[3]!.Value, 12);
    }

    [Fact]
    public void No_losses_give_100_and_no_gains_give_0()
    {
        Assert.Equal(100, Rsi(2, 1, 2, 3)[2]);
        Assert.Equal(0, Rsi(2, 3, 2, 1)[2]);
    }

    [Fact]
    public void A_flat_first_window_is_null_not_100()
    {
        // "At the first value, 0/0 gives null" (reference README, exact definitions).
        var values = Rsi(2, 5, 5, 5, 6);
        Assert.Null(values[2]);
        // Then avgGain (0 + 1) / 2 = 0.5 and avgLoss 0: RSI 100.
        Assert.Equal(100, values[3]);
    }

    [Fact]
    public void A_flat_first_window_is_null_after_a_revision_too()
    {
        var rsi = new WilderRsi(2);
        rsi.Add(5);
        rsi.Add(5);
        Assert.Equal(100, rsi.Add(6));
        Assert.Null(rsi.Revise(5));
    }
}
