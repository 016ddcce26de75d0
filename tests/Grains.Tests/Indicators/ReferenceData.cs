using System.Globalization;
using OrleansMarketData.Model;

namespace OrleansMarketData.Tests.Indicators;

/// <summary>The golden files in Indicators/Reference (see the README there), parsed once.</summary>
internal static class ReferenceData
{
    private static readonly Lazy<IReadOnlyList<Bar>> LazyQuotes = new(LoadQuotes);
    private static readonly Lazy<IReadOnlyList<ExactRow>> LazyExact = new(LoadExact);
    private static readonly Lazy<IReadOnlyList<ExpectedValue>> LazyExpected = new(LoadExpected);

    /// <summary>quotes-default.csv: 502 daily bars; row i is bar index i.</summary>
    public static IReadOnlyList<Bar> Quotes => LazyQuotes.Value;

    /// <summary>reference-exact.csv, one row per bar.</summary>
    public static IReadOnlyList<ExactRow> Exact => LazyExact.Value;

    /// <summary>expected.csv: the values the library's unit tests assert.</summary>
    public static IReadOnlyList<ExpectedValue> Expected => LazyExpected.Value;

    public static double Parse(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    private static IEnumerable<string[]> Rows(string file, string expectedHeader)
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Indicators", "Reference", file));
        Assert.Equal(expectedHeader, lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l => l.Split(','));
    }

    private static IReadOnlyList<Bar> LoadQuotes() =>
        Rows("quotes-default.csv", "date,open,high,low,close,volume")
            .Select(c => new Bar(
                new DateTimeOffset(DateTime.ParseExact(c[0], "yyyy-MM-dd", CultureInfo.InvariantCulture), TimeSpan.Zero),
                Parse(c[1]), Parse(c[2]), Parse(c[3]), Parse(c[4]), long.Parse(c[5], CultureInfo.InvariantCulture)))
            .ToList();

    private static IReadOnlyList<ExactRow> LoadExact()
    {
        const string header = "index,date,tr,atr14,atrp14,atr20,rsi14,sma20,sma40,sma80,sma160,ema20,ema40,ema80,ema160";
        var columns = header.Split(',');
        return Rows("reference-exact.csv", header)
            .Select(c => new ExactRow(
                int.Parse(c[0], CultureInfo.InvariantCulture),
                c[1],
                Enumerable.Range(2, columns.Length - 2)
                    .ToDictionary(i => columns[i], i => c[i].Length == 0 ? (double?)null : Parse(c[i]))))
            .ToList();
    }

    private static IReadOnlyList<ExpectedValue> LoadExpected() =>
        Rows("expected.csv", "indicator,period,index,date,value")
            .Select(c => new ExpectedValue(
                c[0], int.Parse(c[1], CultureInfo.InvariantCulture), int.Parse(c[2], CultureInfo.InvariantCulture), c[3],
                c[4] == "null" ? null : Parse(c[4])))
            .ToList();
}

internal sealed record ExactRow(int Index, string Date, IReadOnlyDictionary<string, double?> Values)
{
    public double? this[string column] => Values[column];
}

internal sealed record ExpectedValue(string Indicator, int Period, int Index, string Date, double? Value);
