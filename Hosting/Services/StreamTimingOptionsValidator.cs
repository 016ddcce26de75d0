using Microsoft.Extensions.Options;

namespace OrleansMarketData.Hosting;

public sealed class StreamTimingOptionsValidator : IValidateOptions<StreamTimingOptions>
{
    public ValidateOptionsResult Validate(string? name, StreamTimingOptions options)
    {
        var failures = new ValidateOptionsResultBuilder();
        if (options.PollPeriod <= TimeSpan.Zero || options.PollPeriod > TimeSpan.FromSeconds(10))
            failures.AddError($"{StreamTimingOptions.Section}:{nameof(options.PollPeriod)} must be between 00:00:00.001 and 00:00:10");
        if (options.InactivityPeriod < TimeSpan.FromSeconds(1))
            failures.AddError($"{StreamTimingOptions.Section}:{nameof(options.InactivityPeriod)} must be at least 00:00:01");
        if (options.CacheMaxAge < TimeSpan.FromSeconds(1))
            failures.AddError($"{StreamTimingOptions.Section}:{nameof(options.CacheMaxAge)} must be at least 00:00:01");
        return failures.Build();
    }
}
