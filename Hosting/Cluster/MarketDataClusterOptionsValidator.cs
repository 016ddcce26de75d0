using System.Net;
using Microsoft.Extensions.Options;

namespace OrleansMarketData.Hosting;

public sealed class MarketDataClusterOptionsValidator : IValidateOptions<MarketDataClusterOptions>
{
    private const string Section = MarketDataClusterOptions.Section;

    public ValidateOptionsResult Validate(string? name, MarketDataClusterOptions options)
    {
        var failures = new ValidateOptionsResultBuilder();
        if (!options.UsesRedis && !string.Equals(options.Mode, "Standalone", StringComparison.OrdinalIgnoreCase))
            failures.AddError($"{Section}:{nameof(options.Mode)} must be Standalone or Redis (got '{options.Mode}')");
        if (options.UsesRedis && string.IsNullOrWhiteSpace(options.Redis))
            failures.AddError($"{Section}:{nameof(options.Redis)} must be set in Redis mode");
        if (string.IsNullOrWhiteSpace(options.ClusterId)) failures.AddError($"{Section}:{nameof(options.ClusterId)} must not be empty");
        if (string.IsNullOrWhiteSpace(options.ServiceId)) failures.AddError($"{Section}:{nameof(options.ServiceId)} must not be empty");
        if (options.SiloPort is < 1 or > 65535) failures.AddError($"{Section}:{nameof(options.SiloPort)} must be a TCP port (1-65535)");
        if (options.GatewayPort is < 1 or > 65535) failures.AddError($"{Section}:{nameof(options.GatewayPort)} must be a TCP port (1-65535)");
        if (options.SiloPort == options.GatewayPort)
            failures.AddError($"{Section}:{nameof(options.SiloPort)} and {Section}:{nameof(options.GatewayPort)} must differ");
        if (!string.IsNullOrWhiteSpace(options.AdvertisedAddress) && !IPAddress.TryParse(options.AdvertisedAddress, out _))
            failures.AddError($"{Section}:{nameof(options.AdvertisedAddress)} must be an IP address (got '{options.AdvertisedAddress}')");
        if (options.Kubernetes && !options.UsesRedis)
            failures.AddError($"{Section}:{nameof(options.Kubernetes)} needs {Section}:{nameof(options.Mode)} Redis (pods of one cluster find each other through Redis)");
        return failures.Build();
    }
}
