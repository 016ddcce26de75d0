using System.Text;

namespace OrleansMarketData.Gateway.Tests.Hostile;

/// <summary>
/// Hostile parameter values, already in URL form (so they can hold percent-encoded bytes that are not UTF-8):
/// random text, control characters, broken escapes, numbers that overflow, impossible and extreme dates, and
/// values near the size the server accepts. The same seed gives the same values.
/// </summary>
public sealed class FuzzValues(int seed)
{
    private static readonly string[] Numbers =
    [
        "0", "-1", "-0", "+5", " 5", "5 ", "5.0", "1e3", "0x10", "007", "2147483647", "2147483648", "-2147483649",
        "99999999999999999999999999", "NaN", "Infinity", "-Infinity", "١٢", "10001", "10000", "1,000",
    ];

    private static readonly string[] Dates =
    [
        "0001-01-01", "9999-12-31", "0000-00-00", "2024-02-30", "2024-13-01", "1899-12-31", "2200-01-01", "1969-12-31",
        "0001-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00",
        "9999-12-31T23:59:59.9999999Z", "2024-01-16T25:61:61Z", "2024-01-16T14:30:00+99:99", "2024-01-16T14:30:00",
        "2024-01-16t14:30:00z", "2024-01-16T14:30:00.1234567890Z", "-2024-01-01", "2024-1-1", "20240116", "now",
        "2024-01-16T14:30:00%2B05:00", "2024-01-16T14:30:00 05:00", "1700000000",
    ];

    private static readonly string[] Escapes =
    [
        "%", "%%", "%G1", "%0", "%C3", "%E2%82", "%F0%9F%98", "%FF%FE", "%C0%AF", "%ED%A0%80", "%00", "%0D%0A", "%0D%0AX-Injected:%201",
        "%2F..%2F..%2Fetc%2Fpasswd", "%5C", "%22%7D", "%3Cscript%3E", "%25", "%2C%2C%2C", "%26%3D",
    ];

    private readonly Random _random = new(seed);

    public int Seed => seed;

    /// <summary>Every fixed edge value, each of which every parameter is given once besides the random ones.</summary>
    public static IEnumerable<string> Edges => Numbers.Concat(Dates).Concat(Escapes);

    /// <summary>One hostile value; <paramref name="valid"/> values of the parameter are mixed in, cut or repeated.</summary>
    public string Next(params string[] valid) => _random.Next(11) switch
    {
        0 => Escape(RandomText(0x20, 0x7F, _random.Next(0, 40))),
        1 => Escape(RandomUnicode(_random.Next(1, 20))),
        2 => RandomBytes(_random.Next(1, 30)),
        3 => Pick(Numbers),
        4 => Pick(Dates),
        5 => Pick(Escapes),
        6 => "",
        7 => Escape(RandomText(0x20, 0x7F, _random.Next(1_000, 7_000))),
        8 when valid.Length > 0 => Mangle(Pick(valid)),
        9 when valid.Length > 0 => Escape(string.Join(",", Enumerable.Range(0, _random.Next(2, 300)).Select(_ => Pick(valid)))),
        _ => Escape(RandomText(0x00, 0x20, _random.Next(1, 10))),
    };

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public int Int(int max) => _random.Next(max);

    /// <summary>A valid value with a random prefix, suffix, case change or part cut off.</summary>
    private string Mangle(string value) => _random.Next(4) switch
    {
        0 => Escape(value.ToLowerInvariant() + RandomText(0x20, 0x7F, 3)),
        1 => Escape(RandomText(0x20, 0x7F, 2) + value),
        2 => Escape(value[.._random.Next(value.Length + 1)]),
        _ => Escape(value) + Pick(Escapes),
    };

    private string RandomText(int from, int to, int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++) text.Append((char)_random.Next(from, to));
        return text.ToString();
    }

    private string RandomUnicode(int length)
    {
        var text = new StringBuilder();
        for (var i = 0; i < length; i++)
        {
            var codePoint = _random.Next(3) == 0 ? _random.Next(0x10000, 0x10FFFF) : _random.Next(0x80, 0xD7FF);
            text.Append(char.ConvertFromUtf32(codePoint));
        }
        return text.ToString();
    }

    private string RandomBytes(int length)
    {
        var text = new StringBuilder();
        for (var i = 0; i < length; i++) text.Append('%').Append(_random.Next(256).ToString("X2"));
        return text.ToString();
    }

    private static string Escape(string text) => Uri.EscapeDataString(text);
}
