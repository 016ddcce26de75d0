using System.Net;

namespace OrleansMarketData.Hosting;

/// <summary>
/// How this process joins the cluster, bound from <c>Cluster</c> (not Orleans' own <c>Orleans</c> section, which
/// Orleans reads by itself). Standalone: the gateway hosts its own silo with localhost clustering. Redis: silo
/// processes host the grains and find each other through Redis; gateways are pure clients.
/// </summary>
public sealed class MarketDataClusterOptions
{
    public string Mode { get; set; } = "Standalone";
    public string Redis { get; set; } = "127.0.0.1:6379";
    public string ClusterId { get; set; } = "market-data";
    public string ServiceId { get; set; } = "OrleansMarketData";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at; empty: the host name's first IPv4 address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>The Orleans Dashboard: silos collect its data and gateways serve it at <c>/dashboard</c>.</summary>
    public bool Dashboard { get; set; }

    public bool UsesRedis => string.Equals(Mode, "Redis", StringComparison.OrdinalIgnoreCase);

    public string? Validate()
    {
        if (!UsesRedis && !string.Equals(Mode, "Standalone", StringComparison.OrdinalIgnoreCase))
            return $"Cluster:Mode must be Standalone or Redis (got '{Mode}')";
        if (UsesRedis && string.IsNullOrWhiteSpace(Redis)) return "Cluster:Redis must be set in Redis mode";
        if (string.IsNullOrWhiteSpace(ClusterId)) return "Cluster:ClusterId must not be empty";
        if (string.IsNullOrWhiteSpace(ServiceId)) return "Cluster:ServiceId must not be empty";
        if (SiloPort is < 1 or > 65535) return "Cluster:SiloPort must be a TCP port (1-65535)";
        if (GatewayPort is < 1 or > 65535) return "Cluster:GatewayPort must be a TCP port (1-65535)";
        if (SiloPort == GatewayPort) return "Cluster:SiloPort and Cluster:GatewayPort must differ";
        if (!string.IsNullOrWhiteSpace(AdvertisedAddress) && !IPAddress.TryParse(AdvertisedAddress, out _))
            return $"Cluster:AdvertisedAddress must be an IP address (got '{AdvertisedAddress}')";
        return null;
    }

    public IPAddress Advertised() =>
        !string.IsNullOrWhiteSpace(AdvertisedAddress)
            ? IPAddress.Parse(AdvertisedAddress)
            : Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
              ?? IPAddress.Loopback;
}
