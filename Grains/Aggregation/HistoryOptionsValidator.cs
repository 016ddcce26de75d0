using Microsoft.Extensions.Options;
using OrleansMarketData.Model;

namespace OrleansMarketData.Aggregation;

/// <summary>Every timeframe serves at least one bar and at most 100,000; concurrent loads are 0 (automatic) to 10,000.</summary>
public sealed class HistoryOptionsValidator : IValidateOptions<HistoryOptions>
{
    public ValidateOptionsResult Validate(string? name, HistoryOptions options)
    {
        var failures = new ValidateOptionsResultBuilder();
        foreach (var timeframe in Timeframes.All)
        {
            if (options.ServedBars(timeframe) is < 1 or > 100_000)
                failures.AddError($"{HistoryOptions.Section}:{timeframe} must be between 1 and 100000 bars");
        }
        if (options.MaxConcurrentLoads is < 0 or > 10_000)
            failures.AddError($"{HistoryOptions.Section}:{nameof(options.MaxConcurrentLoads)} must be between 0 (automatic) and 10000");
        return failures.Build();
    }
}
