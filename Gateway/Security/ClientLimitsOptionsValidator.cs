using Microsoft.Extensions.Options;

namespace OrleansMarketData.Gateway.Security;

public sealed class ClientLimitsOptionsValidator : IValidateOptions<ClientLimitsOptions>
{
    private const string Section = ClientLimitsOptions.Section;

    public ValidateOptionsResult Validate(string? name, ClientLimitsOptions options)
    {
        var failures = new ValidateOptionsResultBuilder();
        if (options.RequestsPerSecond is < 0 or > 1_000_000)
            failures.AddError($"{Section}:{nameof(options.RequestsPerSecond)} must be between 0 and 1000000");
        if (options.RequestsPerSecond > 0 && options.RequestBurst < 1) failures.AddError($"{Section}:{nameof(options.RequestBurst)} must be at least 1");
        if (options.MaxSocketsPerClient < 0) failures.AddError($"{Section}:{nameof(options.MaxSocketsPerClient)} must not be negative");
        if (options.MaxSockets < 0) failures.AddError($"{Section}:{nameof(options.MaxSockets)} must not be negative");
        if (options.MaxPendingAuthSockets < 0) failures.AddError($"{Section}:{nameof(options.MaxPendingAuthSockets)} must not be negative");
        foreach (var proxy in options.TrustedProxies.Where(p => !TrustedProxies.TryParse(p, out _)))
            failures.AddError($"{Section}:{nameof(options.TrustedProxies)} entry '{proxy}' is neither an IP address nor a network such as 10.0.0.0/8");
        if (options.KeepAliveInterval < TimeSpan.FromSeconds(1))
            failures.AddError($"{Section}:{nameof(options.KeepAliveInterval)} must be at least 00:00:01");
        if (options.IdleTimeout < TimeSpan.FromSeconds(1)) failures.AddError($"{Section}:{nameof(options.IdleTimeout)} must be at least 00:00:01");
        return failures.Build();
    }
}
