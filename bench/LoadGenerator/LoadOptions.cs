using System.Globalization;

namespace OrleansMarketData.Bench.Load;

/// <summary>Command-line settings of one load run (<c>--name value</c> pairs; see <see cref="Usage"/>).</summary>
public sealed class LoadOptions
{
    public const string Usage = """
        usage: LoadGenerator --url ws://127.0.0.1:8000 --clients 5000 --symbols 100 --speed 60
                             --start 2025-06-10T09:30:00-04:00 --anchor <ISO wall time> [options]
          --protocol candles   candles: /ws/candles/{symbol}; iex-json, iex-msgpack: the Alpaca stream (auth, then
                             subscribe to the bars of one symbol per client), JSON text or msgpack frames
          --channel bars     on the Alpaca stream: bars, quotes or trades (a quote's or trade's latency is from its own
                             time on the simulated timeline; expected counts from the simulator's tape)
          --symbols-per-client 1   on the Alpaca stream: client i subscribes to the N symbols from number i*N on
                             (wrapping), so that each symbol has the same number of subscribers
          --synthetic-symbols 10000   the gateway's MarketData:Simulator:SyntheticSymbols (for the expected tape)
          --stream-path /v2/iex   the Alpaca stream's path
          --symbols N        SYN00001..SYN{N} (the simulator's synthetic tickers); --symbol-list A,B,C instead
          --timeframe 1Min   --limit 1 (history bars in the first message)
          --connect-concurrency 200   sockets opening at once
          --warmup 5         seconds after the last client connected before measuring
          --duration 60      seconds measured
          --measure-from T   open the window no earlier than the wall instant of market time T (a session's open:
                             every minute of a regular session has a bar for every symbol)
          --measure-until T  close the window no later than the wall instant of market time T (the session's close),
                             shortening it; the report gives the window measured
          --activate N       before connecting, GET /latest of the first N symbols (activates them), then report
          --activate-only    stop after --activate
          --pid P            the server's process: its resident memory before and after --activate, and its CPU
                             time over the measured window
          --label text       name of the run in the report
          --json file        also write the report as JSON
          --api-key ID:SECRET  client key, for a gateway that requires one (sent as ?apiKey=, or in the Alpaca
                             stream's auth message; bench:bench when not given, which a gateway without keys accepts)
        """;

    public Uri Url { get; private set; } = new("ws://127.0.0.1:8000");
    public LoadProtocol Protocol { get; private set; } = LoadProtocol.Candles;
    public string StreamPath { get; private set; } = "/v2/iex";
    public StreamChannel Channel { get; private set; } = StreamChannel.Bars;
    public int SymbolsPerClient { get; private set; } = 1;
    public int SyntheticSymbols { get; private set; } = 10_000;
    public DateTimeOffset? MeasureFrom { get; private set; }
    public DateTimeOffset? MeasureUntil { get; private set; }
    public int Clients { get; private set; } = 100;
    public IReadOnlyList<string> Symbols { get; private set; } = [];
    public string Timeframe { get; private set; } = "1Min";
    public int Limit { get; private set; } = 1;
    public double Speed { get; private set; } = 60;
    public DateTimeOffset Start { get; private set; }
    public DateTimeOffset Anchor { get; private set; }
    public int ConnectConcurrency { get; private set; } = 200;
    public double WarmupSeconds { get; private set; } = 5;
    public double DurationSeconds { get; private set; } = 60;
    public int Activate { get; private set; }
    public bool ActivateOnly { get; private set; }
    public int? Pid { get; private set; }
    public string Label { get; private set; } = "load";
    public string? ApiKey { get; private set; }

    /// <summary>The client key as a query parameter to append ("&amp;apiKey=..."), or nothing.</summary>
    public string KeyQuery => ApiKey is null ? "" : $"&apiKey={Uri.EscapeDataString(ApiKey)}";
    public string? JsonPath { get; private set; }

    /// <summary>The key and secret of the Alpaca stream's auth message.</summary>
    public (string Key, string Secret) KeyPair =>
        ApiKey?.Split(':', 2) is [var key, var secret] ? (key, secret) : ("bench", "bench");

    public static LoadOptions Parse(string[] args)
    {
        var o = new LoadOptions();
        var symbolCount = 0;
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h") throw new ArgumentException(Usage);
            if (name == "--activate-only")
            {
                o.ActivateOnly = true;
                continue;
            }
            if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value\n{Usage}");
            var value = args[++i];
            switch (name)
            {
                case "--url": o.Url = new Uri(value); break;
                case "--protocol": o.Protocol = ParseProtocol(value); break;
                case "--stream-path": o.StreamPath = value; break;
                case "--channel": o.Channel = StreamChannels.Parse(value); break;
                case "--symbols-per-client": o.SymbolsPerClient = Int(name, value, 1, 1_000); break;
                case "--synthetic-symbols": o.SyntheticSymbols = Int(name, value, 0, 20_000); break;
                case "--measure-from": o.MeasureFrom = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture); break;
                case "--measure-until": o.MeasureUntil = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture); break;
                case "--clients": o.Clients = Int(name, value, 1, 100_000); break;
                case "--symbols": symbolCount = Int(name, value, 1, 20_000); break;
                case "--symbol-list": o.Symbols = value.Split(',', StringSplitOptions.RemoveEmptyEntries); break;
                case "--timeframe": o.Timeframe = value; break;
                case "--limit": o.Limit = Int(name, value, 1, 10_000); break;
                case "--speed": o.Speed = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--start": o.Start = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture); break;
                case "--anchor": o.Anchor = DateTimeOffset.Parse(value, CultureInfo.InvariantCulture); break;
                case "--connect-concurrency": o.ConnectConcurrency = Int(name, value, 1, 10_000); break;
                case "--warmup": o.WarmupSeconds = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--duration": o.DurationSeconds = Math.Clamp(double.Parse(value, CultureInfo.InvariantCulture), 1, 600); break;
                case "--activate": o.Activate = Int(name, value, 0, 20_000); break;
                case "--pid": o.Pid = Int(name, value, 1, int.MaxValue); break;
                case "--label": o.Label = value; break;
                case "--json": o.JsonPath = value; break;
                case "--api-key": o.ApiKey = value; break;
                default: throw new ArgumentException($"unknown option {name}\n{Usage}");
            }
        }
        if (symbolCount > 0) o.Symbols = Enumerable.Range(1, symbolCount).Select(i => $"SYN{i:D5}").ToArray();
        if (o.Symbols.Count == 0) throw new ArgumentException($"--symbols or --symbol-list is required\n{Usage}");
        if (o.Protocol == LoadProtocol.Candles && (o.Channel != StreamChannel.Bars || o.SymbolsPerClient != 1))
            throw new ArgumentException($"--channel and --symbols-per-client are for the Alpaca stream (--protocol iex-json or iex-msgpack)\n{Usage}");
        if (o.Start == default || o.Anchor == default) throw new ArgumentException($"--start and --anchor are required\n{Usage}");
        return o;
    }

    private static LoadProtocol ParseProtocol(string value) => value switch
    {
        "candles" => LoadProtocol.Candles,
        "iex-json" => LoadProtocol.AlpacaJson,
        "iex-msgpack" => LoadProtocol.AlpacaMsgPack,
        _ => throw new ArgumentException($"--protocol must be candles, iex-json or iex-msgpack\n{Usage}"),
    };

    public string ProtocolName => Protocol switch
    {
        LoadProtocol.AlpacaJson => "iex-json",
        LoadProtocol.AlpacaMsgPack => "iex-msgpack",
        _ => "candles",
    };

    /// <summary>The symbols of client <paramref name="i"/>: <see cref="SymbolsPerClient"/> of them from number i x N on, wrapping.</summary>
    public IReadOnlyList<string> SymbolsOf(int i) =>
        [.. Enumerable.Range(0, Math.Min(SymbolsPerClient, Symbols.Count)).Select(k => Symbols[(int)(((long)i * SymbolsPerClient + k) % Symbols.Count)])];

    private static int Int(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}");
}
