namespace OrleansMarketData.Tests.Indicators;

internal static class SeriesAssert
{
    /// <summary>Same length, nulls at the same indices, and every value within <paramref name="tolerance"/>.</summary>
    public static void Close(IReadOnlyList<double?> expected, IReadOnlyList<double?> actual, double tolerance, string what)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            if (expected[i] is not { } e)
            {
                Assert.True(actual[i] is null, $"{what}[{i}]: expected null (warm-up), got {actual[i]}");
                continue;
            }
            Assert.True(actual[i] is not null, $"{what}[{i}]: expected {e}, got null");
            var diff = Math.Abs(actual[i]!.Value - e);
            Assert.True(diff <= tolerance, $"{what}[{i}]: expected {e}, got {actual[i]} (|diff| {diff:E2} > {tolerance:E0})");
        }
    }
}
