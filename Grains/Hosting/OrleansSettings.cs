using System.Net;

namespace OrleansMarketData.Hosting;

/// <summary>
/// How this process joins the cluster, bound from <c>Orleans</c>. Localhost clustering is standalone mode (the
/// gateway hosts its own silo); Redis clustering is cluster mode (silo processes host the grains, gateways are
/// pure clients).
/// </summary>
public sealed class OrleansSettings
{
    public string Clustering { get; set; } = "Localhost";
    public string RedisConnection { get; set; } = "127.0.0.1:6379";
    public string ClusterId { get; set; } = "market-data";
    public string ServiceId { get; set; } = "OrleansMarketData";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at; empty: the host name's first IPv4 address.</summary>
    public string? AdvertisedAddress { get; set; }

    public bool UsesRedis => string.Equals(Clustering, "Redis", StringComparison.OrdinalIgnoreCase);

    public string? Validate()
    {
        if (!UsesRedis && !string.Equals(Clustering, "Localhost", StringComparison.OrdinalIgnoreCase))
            return $"Orleans:Clustering must be Localhost or Redis (got '{Clustering}')";
        if (UsesRedis && string.IsNullOrWhiteSpace(RedisConnection)) return "Orleans:RedisConnection must be set for Redis clustering";
        if (string.IsNullOrWhiteSpace(ClusterId)) return "Orleans:ClusterId must not be empty";
        if (string.IsNullOrWhiteSpace(ServiceId)) return "Orleans:ServiceId must not be empty";
        if (SiloPort is < 1 or > 65535) return "Orleans:SiloPort must be a TCP port (1-65535)";
        if (GatewayPort is < 1 or > 65535) return "Orleans:GatewayPort must be a TCP port (1-65535)";
        if (SiloPort == GatewayPort) return "Orleans:SiloPort and Orleans:GatewayPort must differ";
        if (!string.IsNullOrWhiteSpace(AdvertisedAddress) && !IPAddress.TryParse(AdvertisedAddress, out _))
            return $"Orleans:AdvertisedAddress must be an IP address (got '{AdvertisedAddress}')";
        return null;
    }

    public IPAddress Advertised() =>
        !string.IsNullOrWhiteSpace(AdvertisedAddress)
            ? IPAddress.Parse(AdvertisedAddress)
            : Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
              ?? IPAddress.Loopback;
}
