namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// A separate, textbook implementation of the indicators over a whole series (arrays and loops, no shared code with
/// the product), used to check the values the API returns.
/// </summary>
public static class ReferenceIndicators
{
    public static double?[] Sma(double[] close, int period)
    {
        var result = new double?[close.Length];
        for (var i = period - 1; i < close.Length; i++)
        {
            var sum = 0.0;
            for (var j = i - period + 1; j <= i; j++) sum += close[j];
            result[i] = sum / period;
        }
        return result;
    }

    public static double?[] Atr(double[] high, double[] low, double[] close, int period)
    {
        var result = new double?[close.Length];
        double atr = 0;
        for (var i = 1; i < close.Length; i++)
        {
            var tr = new[] { high[i] - low[i], Math.Abs(high[i] - close[i - 1]), Math.Abs(low[i] - close[i - 1]) }.Max();
            if (i <= period)
            {
                atr += tr / period;
                if (i == period) result[i] = atr;
            }
            else
            {
                atr += (tr - atr) / period;
                result[i] = atr;
            }
        }
        return result;
    }

    public static double?[] Rsi(double[] close, int period)
    {
        var result = new double?[close.Length];
        double gain = 0, loss = 0;
        for (var i = 1; i < close.Length; i++)
        {
            var change = close[i] - close[i - 1];
            var g = Math.Max(change, 0);
            var l = Math.Max(-change, 0);
            if (i <= period)
            {
                gain += g / period;
                loss += l / period;
                if (i < period) continue;
            }
            else
            {
                gain += (g - gain) / period;
                loss += (l - loss) / period;
            }
            result[i] = loss == 0 ? 100 : 100 * gain / (gain + loss);
        }
        return result;
    }
}
