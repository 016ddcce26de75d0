using Microsoft.Extensions.Options;

namespace OrleansMarketData.Indicators;

/// <summary>Every period within its definition's range; each failure names the setting and what is allowed.</summary>
public sealed class IndicatorOptionsValidator : IValidateOptions<IndicatorOptions>
{
    public ValidateOptionsResult Validate(string? name, IndicatorOptions options)
    {
        var failures = new ValidateOptionsResultBuilder();
        if (options.AtrPeriod is < 2 or > 1000) failures.AddError(Setting(nameof(options.AtrPeriod), 2));
        if (options.RsiPeriod is < 1 or > 1000) failures.AddError(Setting(nameof(options.RsiPeriod), 1));
        if (options.MaShortPeriod is < 1 or > 1000) failures.AddError(Setting(nameof(options.MaShortPeriod), 1));
        if (options.MaMediumPeriod is < 1 or > 1000) failures.AddError(Setting(nameof(options.MaMediumPeriod), 1));
        if (options.MaLongPeriod is < 1 or > 1000) failures.AddError(Setting(nameof(options.MaLongPeriod), 1));
        return failures.Build();
    }

    private static string Setting(string period, int minimum) => $"{IndicatorOptions.Section}:{period} must be between {minimum} and 1000";
}
