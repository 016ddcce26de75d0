using System.Text.Json;

namespace OrleansMarketData.Gateway.Tests.Hostile;

/// <summary>What no answer may show a client: stack traces, exceptions, the implementation's type names.</summary>
public static class Leaks
{
    public static readonly string[] Forbidden = ["   at ", "System.", "OrleansMarketData.", "Exception", "Orleans."];

    /// <summary>The first forbidden marker in <paramref name="text"/>, or null.</summary>
    public static string? Find(string? text) =>
        text is null ? null : Forbidden.FirstOrDefault(marker => text.Contains(marker, StringComparison.Ordinal));

    /// <summary>Null when the answer is a clean JSON error or result; otherwise what is wrong with it.</summary>
    public static async Task<string?> ProblemAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        if (status >= 500) return $"status {status}: {Cut(body)}";
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            var header = $"{name}: {string.Join(",", values)}";
            if (Find(header) is { } marker) return $"header leaks '{marker}': {Cut(header)}";
        }
        if (Find(body) is { } found) return $"body leaks '{found}': {Cut(body)}";
        // Kestrel refuses what is not HTTP (a NUL in the path, an oversized request line or header block) itself,
        // before any middleware runs, with an empty body; every answer of the gateway's own has a JSON body.
        if (status is 400 or 414 or 431 && body.Length == 0) return null;
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
            return $"status {status} with content type '{response.Content.Headers.ContentType}': {Cut(body)}";
        try
        {
            using var _ = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return $"status {status}, body is not JSON: {Cut(body)}";
        }
        return null;
    }

    public static string Cut(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
