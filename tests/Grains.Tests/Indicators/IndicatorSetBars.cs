using OrleansMarketData.Indicators;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests;

/// <summary>
/// <see cref="IndicatorSet"/> fed whole bars, with nullable results: the production methods (prices in, an
/// <see cref="IndicatorRow"/> out) in the form the tests compare with reference data.
/// </summary>
public static class IndicatorSetBars
{
    extension(IndicatorSet set)
    {
        /// <summary>Closes the open bar and opens <paramref name="bar"/>.</summary>
        public IndicatorValues Add(Bar bar)
        {
            set.Add(bar.High, bar.Low, bar.Close, out var values);
            return IndicatorValues.Of(values);
        }

        /// <summary>Replaces the open bar.</summary>
        public IndicatorValues Revise(Bar bar)
        {
            set.Revise(bar.High, bar.Low, bar.Close, out var values);
            return IndicatorValues.Of(values);
        }

        /// <summary>The batch form: indicator values of every bar of <paramref name="bars"/>, oldest first.</summary>
        public static IndicatorValues[] Compute(IReadOnlyList<Bar> bars, IndicatorOptions settings)
        {
            var fresh = new IndicatorSet(settings);
            var values = new IndicatorValues[bars.Count];
            for (var i = 0; i < bars.Count; i++) values[i] = fresh.Add(bars[i]);
            return values;
        }
    }
}
