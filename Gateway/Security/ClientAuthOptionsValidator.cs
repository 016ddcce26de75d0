using Microsoft.Extensions.Options;

namespace OrleansMarketData.Gateway.Security;

/// <summary>With authentication on there must be keys; every key has an id and exactly one form of its secret.</summary>
public sealed class ClientAuthOptionsValidator : IValidateOptions<ClientAuthOptions>
{
    private const string Section = ClientAuthOptions.Section;

    public ValidateOptionsResult Validate(string? name, ClientAuthOptions options)
    {
        var failures = new ValidateOptionsResultBuilder();
        if (options.Enabled == true && options.Keys.Length == 0)
            failures.AddError($"{Section}:{nameof(options.Keys)} must hold at least one key pair when {Section}:{nameof(options.Enabled)} is true");
        for (var i = 0; i < options.Keys.Length; i++)
        {
            var key = options.Keys[i];
            var path = $"{Section}:{nameof(options.Keys)}:{i}";
            if (string.IsNullOrWhiteSpace(key.KeyId) || key.KeyId.Contains(':'))
                failures.AddError($"{path}:{nameof(key.KeyId)} must be non-empty and hold no ':'");
            var hasSecret = !string.IsNullOrEmpty(key.Secret);
            var hasHash = !string.IsNullOrEmpty(key.SecretSha256);
            if (hasSecret == hasHash) failures.AddError($"{path} needs exactly one of {nameof(key.Secret)} and {nameof(key.SecretSha256)}");
            else if (hasHash && !IsSha256Hex(key.SecretSha256!))
                failures.AddError($"{path}:{nameof(key.SecretSha256)} must be 64 hexadecimal digits (the SHA-256 of the secret's UTF-8)");
        }
        return failures.Build();
    }

    private static bool IsSha256Hex(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigit);
}
