using System.Text.Json;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>The trading API's asset list: which symbols exist (<see cref="AlpacaAssets"/>).</summary>
public sealed partial class AlpacaRestClient
{
    /// <summary>
    /// The symbols of the active US-equity assets, one request for all (some ten thousand; a few megabytes), waiting
    /// its turn in the request budget like every request.
    /// </summary>
    public async Task<HashSet<string>> GetActiveSymbolsAsync(CancellationToken cancellationToken)
    {
        var query = new Dictionary<string, string?> { ["status"] = "active", ["asset_class"] = "us_equity" };
        using var body = await GetAsync(Options.TradingUrl, "/v2/assets", query, cancellationToken);
        if (body.RootElement.ValueKind != JsonValueKind.Array)
            throw new AlpacaRequestException("Alpaca REST /v2/assets: the answer was not an asset list");
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        foreach (var asset in body.RootElement.EnumerateArray())
        {
            if (asset.ValueKind == JsonValueKind.Object && asset.TryGetProperty("symbol", out var symbol)
                && symbol.ValueKind == JsonValueKind.String && symbol.GetString() is { Length: > 0 } text)
                symbols.Add(text.ToUpperInvariant());
        }
        return symbols;
    }
}
