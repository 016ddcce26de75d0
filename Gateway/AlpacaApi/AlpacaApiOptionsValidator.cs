using Microsoft.Extensions.Options;

namespace OrleansMarketData.Gateway.AlpacaApi;

public sealed class AlpacaApiOptionsValidator : IValidateOptions<AlpacaApiOptions>
{
    private const string Section = AlpacaApiOptions.Section;

    public ValidateOptionsResult Validate(string? name, AlpacaApiOptions options)
    {
        var failures = new ValidateOptionsResultBuilder();
        if (options.AuthTimeout <= TimeSpan.Zero || options.AuthTimeout > TimeSpan.FromMinutes(10))
            failures.AddError($"{Section}:{nameof(options.AuthTimeout)} must be between 00:00:00 and 00:10:00");
        if (options.MaxSymbolsPerConnection is < 1 or > 100_000)
            failures.AddError($"{Section}:{nameof(options.MaxSymbolsPerConnection)} must be between 1 and 100000");
        if (options.MaxMessageBytes is < 256 or > 4_194_304)
            failures.AddError($"{Section}:{nameof(options.MaxMessageBytes)} must be between 256 and 4194304");
        return failures.Build();
    }
}
