using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>Reading Alpaca's answers: bodies that must be JSON, rate-limit headers, and error messages without our keys.</summary>
public sealed partial class AlpacaRestClient
{
    private async Task<JsonDocument> ParseAsync(HttpResponseMessage response, string path, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
        }
        catch (JsonException ex)
        {
            LogGaveUp(logger, ex, path);
            throw new AlpacaRequestException($"Alpaca REST {path}: the answer was not JSON");
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            LogGaveUp(logger, ex, path);
            throw new AlpacaRequestException($"Alpaca REST {path}: no answer in time");
        }
        catch (HttpRequestException ex)
        {
            LogGaveUp(logger, ex, path);
            throw new AlpacaRequestException($"Alpaca REST {path}: the answer broke off");
        }
    }

    /// <summary>X-RateLimit-Reset is the UNIX time, in seconds, when the quota refills.</summary>
    private static DateTimeOffset? ResetTime(HttpResponseMessage response) =>
        response.Headers.TryGetValues("X-RateLimit-Reset", out var values)
        && long.TryParse(values.FirstOrDefault(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    /// <summary>
    /// The upstream's words, which go into logs, exceptions and health: with our key id and secret cut out, since an
    /// upstream or a proxy in front of it may echo the request's headers in its error body.
    /// </summary>
    private async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        try
        {
            using var body = JsonDocument.Parse(text);
            if (body.RootElement.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String) text = message.GetString()!;
        }
        catch (JsonException)
        {
        }
        foreach (var key in new[] { Options.SecretKey, Options.KeyId })
        {
            if (!string.IsNullOrEmpty(key)) text = text.Replace(key, "[redacted]", StringComparison.Ordinal);
        }
        return text.Length <= 200 ? text : text[..200];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alpaca REST {Path}: rate limited until {Until:O}")]
    private static partial void LogRateLimited(ILogger logger, string path, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alpaca REST {Path} failed")]
    private static partial void LogGaveUp(ILogger logger, Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alpaca REST {Path}: {Problem}; attempt {Attempt} will be retried")]
    private static partial void LogRetry(ILogger logger, string path, string problem, int attempt);
}
