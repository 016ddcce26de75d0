using Microsoft.Extensions.Options;

namespace OrleansMarketData.Hosting;

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new ValidateOptionsResultBuilder();
        if (options.MetricsPort is < 0 or > 65535)
            failures.AddError($"{TelemetryOptions.Section}:{nameof(options.MetricsPort)} must be 0 (off) or a TCP port (1-65535) (got {options.MetricsPort})");
        if (options.ExportsTraces && (!Uri.TryCreate(options.OtlpEndpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            failures.AddError($"{TelemetryOptions.Section}:{nameof(options.OtlpEndpoint)} must be an absolute http:// or https:// URL (got '{options.OtlpEndpoint}')");
        return failures.Build();
    }
}
