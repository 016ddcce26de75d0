using Microsoft.Extensions.Options;

namespace OrleansMarketData.Gateway.Hosting;

public sealed class MarketDataGatewayOptionsValidator : IValidateOptions<MarketDataGatewayOptions>
{
    private const string Section = MarketDataGatewayOptions.Section;

    public ValidateOptionsResult Validate(string? name, MarketDataGatewayOptions options)
    {
        var failures = new ValidateOptionsResultBuilder();
        if (options.CorsOrigins.Any(string.IsNullOrWhiteSpace)) failures.AddError($"{Section}:{nameof(options.CorsOrigins)} must not contain empty entries");
        if (options.SendQueueCapacity is < 1 or > 100_000)
            failures.AddError($"{Section}:{nameof(options.SendQueueCapacity)} must be between 1 and 100000");
        if (options.MaxClientMessageBytes is < 64 or > 1_048_576)
            failures.AddError($"{Section}:{nameof(options.MaxClientMessageBytes)} must be between 64 and 1048576");
        if (options.SlowClientCloseTimeout <= TimeSpan.Zero) failures.AddError($"{Section}:{nameof(options.SlowClientCloseTimeout)} must be positive");
        // Renewed at least twice within the grains' registration expiry, so one failed check-in does not let it lapse.
        var longestCheckInterval = WatchRegistration.Expiry / 2;
        if (options.SymbolCheckInterval < TimeSpan.FromSeconds(1) || options.SymbolCheckInterval > longestCheckInterval)
            failures.AddError($"{Section}:{nameof(options.SymbolCheckInterval)} must be between 00:00:01 and {longestCheckInterval:c}");
        if (options.HealthCacheDuration < TimeSpan.Zero || options.HealthCacheDuration > TimeSpan.FromMinutes(5))
            failures.AddError($"{Section}:{nameof(options.HealthCacheDuration)} must be between 00:00:00 and 00:05:00");
        if (options.MaxWaitingForHistory is < 1 or > 1_000_000)
            failures.AddError($"{Section}:{nameof(options.MaxWaitingForHistory)} must be between 1 and 1000000");
        if (options.HistoryWaitLimit < TimeSpan.FromSeconds(1) || options.HistoryWaitLimit > TimeSpan.FromMinutes(10))
            failures.AddError($"{Section}:{nameof(options.HistoryWaitLimit)} must be between 00:00:01 and 00:10:00");
        if (options.RetryAfter < TimeSpan.FromSeconds(1) || options.RetryAfter > TimeSpan.FromHours(1))
            failures.AddError($"{Section}:{nameof(options.RetryAfter)} must be between 00:00:01 and 01:00:00");
        return failures.Build();
    }
}
