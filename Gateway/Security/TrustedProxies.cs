using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using IPNetwork = System.Net.IPNetwork;

namespace OrleansMarketData.Gateway.Security;

/// <summary>
/// Believes <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> from the proxies in
/// <see cref="ClientLimitsOptions.TrustedProxies"/> only, so that behind a load balancer a client's address (its
/// name for the limits where keys are not required) is its own, and nobody else can choose one by sending the header.
/// </summary>
public static class TrustedProxies
{
    public static bool TryParse(string text, out IPNetwork network)
    {
        if (IPAddress.TryParse(text, out var address))
        {
            network = new IPNetwork(address, address.GetAddressBytes().Length * 8);
            return true;
        }
        return IPNetwork.TryParse(text, out network);
    }

    public static IServiceCollection AddTrustedProxies(this IServiceCollection services)
    {
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ClientLimitsOptions>>((forwarded, limits) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The defaults trust loopback: only what is configured is trusted.
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var proxy in limits.Value.TrustedProxies)
            {
                if (TryParse(proxy, out var network)) forwarded.KnownIPNetworks.Add(network);
            }
        });
        return services;
    }

    /// <summary>
    /// Only with proxies configured: with no known proxy at all, the middleware would believe every sender.
    /// </summary>
    public static IApplicationBuilder UseTrustedProxies(this IApplicationBuilder app)
    {
        var limits = app.ApplicationServices.GetRequiredService<IOptions<ClientLimitsOptions>>().Value;
        return limits.TrustedProxies.Length > 0 ? app.UseForwardedHeaders() : app;
    }
}
