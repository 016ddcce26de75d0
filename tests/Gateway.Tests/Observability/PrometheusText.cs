using System.Globalization;

namespace OrleansMarketData.Gateway.Tests.Observability;

/// <summary>Reads samples out of a Prometheus text exposition: <c>name{labels} value [timestamp]</c>.</summary>
public sealed class PrometheusText(string text)
{
    public string Text => text;

    /// <summary>The samples of one metric (exact name) whose labels contain every given <c>key="value"</c> pair.</summary>
    public IReadOnlyList<double> Samples(string name, params string[] labels)
    {
        var samples = new List<double>();
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith('#') || !line.StartsWith(name, StringComparison.Ordinal)) continue;
            var rest = line[name.Length..];
            var labelText = "";
            if (rest.StartsWith('{'))
            {
                var end = rest.IndexOf('}');
                labelText = rest[1..end];
                rest = rest[(end + 1)..];
            }
            else if (!rest.StartsWith(' '))
            {
                continue; // a longer name with this one as prefix
            }
            if (!labels.All(l => labelText.Split(',').Contains(l))) continue;
            samples.Add(double.Parse(rest.Trim().Split(' ')[0], CultureInfo.InvariantCulture));
        }
        return samples;
    }

    /// <summary>The sum over matching samples; null when the metric has none.</summary>
    public double? Sum(string name, params string[] labels) => Samples(name, labels) is { Count: > 0 } s ? s.Sum() : null;
}
