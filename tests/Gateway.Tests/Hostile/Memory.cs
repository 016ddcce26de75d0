using System.Net.Http.Json;
using System.Text.Json;
using OrleansMarketData.Testing;

namespace OrleansMarketData.Gateway.Tests.Hostile;

/// <summary>
/// Resource checks after abuse. The gateway runs in the test process, so its managed heap is this process's; the
/// hostile collection runs alone, and the bound is still generous: it catches buffers kept per message or per
/// connection, not noise.
/// </summary>
public static class Memory
{
    private const long AllowedGrowthBytes = 256L * 1024 * 1024;

    public static long Managed() => GC.GetTotalMemory(forceFullCollection: true);

    public static void AssertBounded(long before, string context)
    {
        var after = Managed();
        Assert.True(after - before < AllowedGrowthBytes,
            $"{context}: managed memory grew by {(after - before) / (1024 * 1024)} MB (from {before / (1024 * 1024)} MB)");
    }

    public static async Task<int> ActiveConnectionsAsync(HttpClient http) =>
        (await http.GetFromJsonAsync<JsonElement>("/api/health")).GetProperty("active_connections").GetInt32();

    /// <summary>Every abusive connection is gone from the registry (closes time out after 5 s).</summary>
    public static Task AssertConnectionsReturnToAsync(HttpClient http, int expected) => Eventually.ValueAsync(
        () => ActiveConnectionsAsync(http), now => now <= expected, now => $"{now} connections are still open, {expected} before the abuse");
}
