using System.Globalization;
using System.Text.Json;

namespace OrleansMarketData.Gateway.Tests.AlpacaApi;

/// <summary>An Alpaca bar as a client reads it; <see cref="Fields"/> are the JSON property names it carried.</summary>
public sealed record RestBar(DateTimeOffset Time, double Open, double High, double Low, double Close, long Volume, string[] Fields)
{
    public static RestBar Parse(JsonElement bar) => new(
        DateTimeOffset.Parse(bar.GetProperty("t").GetString()!, CultureInfo.InvariantCulture),
        bar.GetProperty("o").GetDouble(), bar.GetProperty("h").GetDouble(), bar.GetProperty("l").GetDouble(),
        bar.GetProperty("c").GetDouble(), bar.GetProperty("v").GetInt64(),
        bar.EnumerateObject().Select(p => p.Name).ToArray());

    /// <summary>A bar of the /api routes (<c>/api/symbols/.../historical</c>) in the same form.</summary>
    public static RestBar FromSeedApi(JsonElement bar) => new(
        DateTimeOffset.Parse(bar.GetProperty("timestamp").GetString()!, CultureInfo.InvariantCulture),
        bar.GetProperty("open").GetDouble(), bar.GetProperty("high").GetDouble(), bar.GetProperty("low").GetDouble(),
        bar.GetProperty("close").GetDouble(), bar.GetProperty("volume").GetInt64(), []);

    public (DateTimeOffset, double, double, double, double, long) Values => (Time, Open, High, Low, Close, Volume);
}
