using System.Globalization;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// The market time the tests run at, decided here and nowhere else. Every test that starts a source (the simulator
/// in-process or in a process, the fake Alpaca, a gateway or silo process, a local cluster) pins the market's clock:
/// to <see cref="RegularHours"/> unless it says otherwise. Tests written to hold at any instant are theories marked
/// <see cref="AnyMarketTimeAttribute"/>: they run at each of <see cref="Instants"/>, which tests/run.sh sets to a
/// night, a Saturday, a holiday and an early close through <see cref="Variable"/>.
/// </summary>
public static class MarketTime
{
    /// <summary>One or more ISO-8601 times with their offsets, comma-separated: 2026-11-21T12:00:00-05:00,...</summary>
    public const string Variable = "TEST_MARKET_TIME";

    /// <summary>The trait of tests that hold at any instant: <c>dotnet test --filter MarketTime=any</c>.</summary>
    public const string Trait = "MarketTime";
    public const string Any = "any";

    /// <summary>A Wednesday, 10:00 in New York: regular hours, with six of them to go and four more of after-hours.</summary>
    public static readonly DateTimeOffset RegularHours = new(2026, 11, 18, 10, 0, 0, TimeSpan.FromHours(-5));

    /// <summary>The instants of the tests that hold at any: those of <see cref="Variable"/>, or <see cref="RegularHours"/>.</summary>
    public static IReadOnlyList<DateTimeOffset> Instants { get; } = Read();

    /// <summary>The form configuration and environment variables take.</summary>
    public static string Text(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset[] Read()
    {
        var text = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(text)) return [RegularHours];
        return text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Parse).ToArray();
    }

    private static DateTimeOffset Parse(string text)
    {
        var hasOffset = text.EndsWith('Z') || System.Text.RegularExpressions.Regex.IsMatch(text, @"[+-]\d\d:\d\d$");
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new InvalidOperationException($"{Variable} must be ISO-8601 times with offsets, like 2026-11-21T12:00:00-05:00 (got '{text}')");
    }
}
