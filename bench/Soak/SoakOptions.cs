using System.Globalization;

namespace OrleansMarketData.Bench.Soak;

/// <summary>Command-line settings of one soak run (<c>--name value</c> pairs; see <see cref="Usage"/>).</summary>
public sealed class SoakOptions
{
    public const string Usage = """
        usage: Soak --url ws://127.0.0.1:18400 --start <ISO market time> --anchor <ISO wall time> [options]
          --speed 60            simulated seconds per wall-clock second (as MarketData__Simulator__Speed)
          --clients 200         sockets kept open
          --symbols 20          the first N of the simulator's named tickers (at most 20)
          --limit 100           history bars in each snapshot
          --duration 300        seconds of load after the first clients connected
          --churn-every 5       seconds between churn rounds
          --churn 10            clients closed and as many new ones opened in each round
          --sample-every 20     seconds between memory samples
          --state FILE          local-cluster.sh's state file: the pids whose resident memory is sampled
          --ready FILE          written once the first clients are connected (the restart is timed from it)
          --events FILE         key=value lines about the silo restart, read at the end for the report
          --machine FILE        a description of the machine, copied into the report
          --command TEXT        the command line shown in the report
          --report FILE         where the Markdown report goes (default: standard output only)
          --api-key ID:SECRET   client key, for gateways that require one (sent as ?apiKey=)
        """;

    public Uri Url { get; private set; } = new("ws://127.0.0.1:18400");
    public DateTimeOffset Start { get; private set; }
    public DateTimeOffset Anchor { get; private set; }
    public double Speed { get; private set; } = 60;
    public int Clients { get; private set; } = 200;
    public int Symbols { get; private set; } = 20;
    public int Limit { get; private set; } = 100;
    public double DurationSeconds { get; private set; } = 300;
    public double ChurnEverySeconds { get; private set; } = 5;
    public int Churn { get; private set; } = 10;
    public double SampleEverySeconds { get; private set; } = 20;
    public string? StateFile { get; private set; }
    public string? ReadyFile { get; private set; }
    public string? EventsFile { get; private set; }
    public string? MachineFile { get; private set; }
    public string Command { get; private set; } = "dotnet bench/Soak";
    public string? ReportFile { get; private set; }
    public string? ApiKey { get; private set; }

    /// <summary>The client key as a query parameter ("apiKey=..."), or nothing.</summary>
    public string KeyQuery => ApiKey is null ? "" : $"apiKey={Uri.EscapeDataString(ApiKey)}";

    public static SoakOptions Parse(string[] args)
    {
        var o = new SoakOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h") throw new ArgumentException(Usage);
            if (i + 1 >= args.Length) throw new ArgumentException($"{name} needs a value\n{Usage}");
            var value = args[++i];
            switch (name)
            {
                case "--url": o.Url = new Uri(value); break;
                case "--start": o.Start = Time(name, value); break;
                case "--anchor": o.Anchor = Time(name, value); break;
                case "--speed": o.Speed = Number(name, value, 1, 100_000); break;
                case "--clients": o.Clients = Whole(name, value, 1, 20_000); break;
                case "--symbols": o.Symbols = Whole(name, value, 1, 20); break;
                case "--limit": o.Limit = Whole(name, value, 1, 10_000); break;
                case "--duration": o.DurationSeconds = Number(name, value, 10, 3_600); break;
                case "--churn-every": o.ChurnEverySeconds = Number(name, value, 0.5, 600); break;
                case "--churn": o.Churn = Whole(name, value, 0, 20_000); break;
                case "--sample-every": o.SampleEverySeconds = Number(name, value, 1, 600); break;
                case "--state": o.StateFile = value; break;
                case "--ready": o.ReadyFile = value; break;
                case "--events": o.EventsFile = value; break;
                case "--machine": o.MachineFile = value; break;
                case "--command": o.Command = value; break;
                case "--report": o.ReportFile = value; break;
                case "--api-key": o.ApiKey = value; break;
                default: throw new ArgumentException($"unknown option {name}\n{Usage}");
            }
        }
        if (o.Start == default || o.Anchor == default) throw new ArgumentException($"--start and --anchor are required\n{Usage}");
        if (o.Churn > o.Clients) throw new ArgumentException("--churn must not exceed --clients");
        return o;
    }

    private static DateTimeOffset Time(string name, string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
            ? t
            : throw new ArgumentException($"{name} must be an ISO-8601 time such as 2025-06-10T12:00:00-04:00");

    private static double Number(string name, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a number from {min} to {max}");

    private static int Whole(string name, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
            ? n
            : throw new ArgumentException($"{name} must be a whole number from {min} to {max}");
}
