namespace OrleansMarketData.Hosting;

/// <summary>Ports of the silo in standalone mode, bound from <c>Orleans</c>. Defaults are Orleans' own.</summary>
public sealed class OrleansEndpoints
{
    public int SiloPort { get; set; } = 11111;
    public int GatewayPort { get; set; } = 30000;

    public string? Validate() =>
        SiloPort is < 1 or > 65535 ? "Orleans:SiloPort must be a TCP port (1-65535)"
        : GatewayPort is < 1 or > 65535 ? "Orleans:GatewayPort must be a TCP port (1-65535)"
        : SiloPort == GatewayPort ? "Orleans:SiloPort and Orleans:GatewayPort must differ"
        : null;
}
