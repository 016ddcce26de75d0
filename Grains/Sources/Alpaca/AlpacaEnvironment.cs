using Microsoft.Extensions.Configuration;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>
/// Maps the Alpaca environment variables (ALPACA_API_KEY, ALPACA_SECRET, ... and the SDKs' APCA_API_KEY_ID, ...) onto
/// <c>Alpaca:*</c> settings. They are read from the process environment and from an <c>environment.env</c> file in
/// the working directory or its parent; the process environment wins. The keys may also come from files named by the same names with <c>_FILE</c> appended
/// (<c>ALPACA_SECRET_FILE=/run/secrets/alpaca_secret</c>, as Docker and Kubernetes mount secrets), so that they
/// need not be in the environment at all; a variable set directly beats its file.
/// </summary>
public static class AlpacaEnvironment
{
    public const string FileName = "environment.env";

    private static readonly (string Variable, string Setting)[] Names =
    [
        ("ALPACA_API_KEY", "KeyId"), ("APCA_API_KEY_ID", "KeyId"),
        ("ALPACA_SECRET", "SecretKey"), ("APCA_API_SECRET_KEY", "SecretKey"),
        ("ALPACA_DATA_URL", "DataUrl"),
        ("ALPACA_STREAM_URL", "StreamUrl"),
        ("ALPACA_BASE_URL", "TradingUrl"), ("ALPACA_ENDPOINT", "TradingUrl"),
    ];

    /// <summary>The environment variables read, each also with <see cref="FileSuffix"/> for the keys.</summary>
    public static IEnumerable<string> Variables => Names.Select(n => n.Variable);

    public const string FileSuffix = "_FILE";

    private static readonly string[] KeySettings = ["KeyId", "SecretKey"];

    public static IConfigurationBuilder AddAlpacaEnvironment(this IConfigurationBuilder builder, string? directory = null)
    {
        directory ??= Directory.GetCurrentDirectory();
        var file = ReadFile(directory);
        var settings = new Dictionary<string, string?>();
        // Later names in the table lose to earlier ones; the process environment beats the file.
        foreach (var source in new[] { file, EnvironmentVariables() })
        {
            foreach (var (variable, setting) in Names.Reverse())
            {
                if (KeySettings.Contains(setting) && source.TryGetValue(variable + FileSuffix, out var path) && !string.IsNullOrWhiteSpace(path))
                    ReadKeyFile(variable + FileSuffix, path.Trim(), setting, settings);
                if (source.TryGetValue(variable, out var value) && !string.IsNullOrWhiteSpace(value))
                    settings[$"{AlpacaOptions.Section}:{setting}"] = setting == "TradingUrl" ? TradingRoot(value) : value.Trim();
            }
        }
        return builder.AddInMemoryCollection(settings);
    }

    /// <summary>
    /// The whole file, trimmed (secret files usually end in a newline). A file that cannot be read is reported by
    /// <see cref="AlpacaOptions.Validate"/> at start-up, naming the variable and the path, never the content.
    /// </summary>
    private static void ReadKeyFile(string variable, string path, string setting, Dictionary<string, string?> settings)
    {
        try
        {
            settings[$"{AlpacaOptions.Section}:{setting}"] = File.ReadAllText(path).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            settings[$"{AlpacaOptions.Section}:{nameof(AlpacaOptions.KeyFileError)}"] = $"{variable} names a file that cannot be read: {path}";
        }
    }

    /// <summary>ALPACA_ENDPOINT is given with its /v2 (ALPACA_BASE_URL without); the client adds the version itself.</summary>
    private static string TradingRoot(string url)
    {
        url = url.Trim().TrimEnd('/');
        return url.EndsWith("/v2", StringComparison.OrdinalIgnoreCase) ? url[..^3] : url;
    }

    private static Dictionary<string, string> EnvironmentVariables()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var variable in Names.Select(n => n.Variable).Concat(Names.Where(n => KeySettings.Contains(n.Setting)).Select(n => n.Variable + FileSuffix)))
        {
            if (Environment.GetEnvironmentVariable(variable) is { } value) result[variable] = value;
        }
        return result;
    }

    /// <summary>KEY=value lines; blank lines and # comments are skipped, quotes around values removed.</summary>
    private static Dictionary<string, string> ReadFile(string directory)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var path = new[] { directory, Path.GetDirectoryName(Path.GetFullPath(directory)) }
            .Where(d => d is not null)
            .Select(d => Path.Combine(d!, FileName))
            .FirstOrDefault(File.Exists);
        if (path is null) return result;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.StartsWith("export ", StringComparison.Ordinal)) line = line[7..];
            var equals = line.IndexOf('=');
            if (equals <= 0) continue;
            result[line[..equals].Trim()] = line[(equals + 1)..].Trim().Trim('"', '\'');
        }
        return result;
    }
}
