namespace OrleansMarketData.Hosting;

/// <summary>Configuration section names; with ASP.NET Core's mapping, <c>A:B</c> is env var <c>A__B</c>.</summary>
public static class ConfigSections
{
    public const string Indicators = "MarketData:Indicators";
    public const string History = "MarketData:History";
    public const string Simulator = "MarketData:Simulator";
    public const string Streams = "MarketData:Streams";
    public const string Cluster = "Cluster";
}
