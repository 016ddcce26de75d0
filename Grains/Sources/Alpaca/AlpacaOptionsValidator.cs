using Microsoft.Extensions.Options;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// Checks the Alpaca settings when keys are set. Failures name the environment variable a setting usually comes
/// from (<see cref="AlpacaEnvironment"/>), never a key's or secret's value.
/// </summary>
public sealed class AlpacaOptionsValidator : IValidateOptions<AlpacaOptions>
{
    public ValidateOptionsResult Validate(string? name, AlpacaOptions options)
    {
        var failures = new ValidateOptionsResultBuilder();
        if (options.KeyFileError is { } unreadable) failures.AddError(unreadable);
        if (!options.Enabled) return failures.Build();
        if (string.IsNullOrWhiteSpace(options.KeyId)) failures.AddError("ALPACA_API_KEY (or APCA_API_KEY_ID) is missing while a secret is set");
        if (string.IsNullOrWhiteSpace(options.SecretKey)) failures.AddError("ALPACA_SECRET (or APCA_API_SECRET_KEY) is missing while a key is set");
        CheckUrl(failures, "ALPACA_DATA_URL", options.DataUrl, "http", "https");
        CheckUrl(failures, "ALPACA_STREAM_URL", options.StreamUrl, "ws", "wss");
        CheckUrl(failures, "ALPACA_BASE_URL", options.TradingUrl, "http", "https");
        if (options.RequestsPerMinute is < 1 or > 100_000)
            failures.AddError($"{AlpacaOptions.Section}:{nameof(options.RequestsPerMinute)} must be between 1 and 100000");
        if (options.StaleStreamTimeout < TimeSpan.FromSeconds(5))
            failures.AddError($"{AlpacaOptions.Section}:{nameof(options.StaleStreamTimeout)} must be at least 00:00:05");
        if (options.MaxReconnectDelay < TimeSpan.FromSeconds(1))
            failures.AddError($"{AlpacaOptions.Section}:{nameof(options.MaxReconnectDelay)} must be at least 00:00:01");
        return failures.Build();
    }

    private static void CheckUrl(ValidateOptionsResultBuilder failures, string variable, string value, params string[] schemes)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && schemes.Contains(uri.Scheme)) return;
        failures.AddError($"{variable} must be an absolute {string.Join(" or ", schemes.Select(s => s + "://"))} URL (got '{value}')");
    }
}
