using System.Net;

namespace OrleansMarketData.Hosting;

/// <summary>
/// How this process joins the cluster, bound from <c>Cluster</c> (not Orleans' own <c>Orleans</c> section, which
/// Orleans reads by itself). Standalone: the gateway hosts its own silo with localhost clustering. Redis: silo
/// processes host the grains and find each other through Redis; gateways are pure clients.
/// </summary>
public sealed class MarketDataClusterOptions
{
    public const string Section = "Cluster";

    public string Mode { get; set; } = "Standalone";
    public string Redis { get; set; } = "127.0.0.1:6379";
    public string ClusterId { get; set; } = "market-data";
    public string ServiceId { get; set; } = "OrleansMarketData";
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    /// <summary>The address other silos and clients reach this silo at; empty: the host name's first IPv4 address.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>
    /// A silo in a Kubernetes pod (deploy/kubernetes/, docs/kubernetes.md): Orleans' Kubernetes hosting names the silo
    /// after its pod (POD_NAME) and removes the pods of silos the cluster declared dead. Redis mode only.
    /// </summary>
    public bool Kubernetes { get; set; }

    /// <summary>The Orleans Dashboard: silos collect its data and gateways serve it at <c>/dashboard</c>.</summary>
    public bool Dashboard { get; set; }

    public bool UsesRedis => string.Equals(Mode, "Redis", StringComparison.OrdinalIgnoreCase);

    public IPAddress Advertised() =>
        !string.IsNullOrWhiteSpace(AdvertisedAddress)
            ? IPAddress.Parse(AdvertisedAddress)
            : Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
              ?? IPAddress.Loopback;
}
