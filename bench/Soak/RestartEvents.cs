using System.Globalization;

namespace OrleansMarketData.Bench.Soak;

/// <summary>
/// What bench/soak.sh did to the cluster, from its <c>key=value</c> file: which silo it killed with which signal,
/// and when (Unix seconds) it was killed, started again and seen back in the cluster.
/// </summary>
public sealed record RestartEvents(IReadOnlyDictionary<string, string> Values)
{
    public static RestartEvents Read(string? path)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (path is not null && File.Exists(path))
        {
            foreach (var line in File.ReadAllLines(path))
            {
                var equals = line.IndexOf('=');
                if (equals > 0) values[line[..equals]] = line[(equals + 1)..];
            }
        }
        return new RestartEvents(values);
    }

    public string? this[string key] => Values.GetValueOrDefault(key);

    /// <summary>Seconds from <paramref name="runStart"/> to the moment recorded under <paramref name="key"/>.</summary>
    public double? SecondsAfter(string key, DateTimeOffset runStart) =>
        Values.TryGetValue(key, out var text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var unix)
            ? unix - runStart.ToUnixTimeMilliseconds() / 1000.0
            : null;
}
