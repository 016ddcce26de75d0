using System.Globalization;
using OrleansMarketData.Client;

// Prints the live candles of one symbol with their indicators until Ctrl-C:
//   dotnet run --project samples/LiveCandles -- http://localhost:8000 AAPL 1Min
// A gateway with client keys on takes MARKETDATA_KEY_ID and MARKETDATA_SECRET from the environment.
var address = new Uri(args.ElementAtOrDefault(0) ?? "http://localhost:8000");
var symbol = args.ElementAtOrDefault(1) ?? "AAPL";
var timeframe = args.ElementAtOrDefault(2) ?? "1Min";
var keyId = Environment.GetEnvironmentVariable("MARKETDATA_KEY_ID");
var secret = Environment.GetEnvironmentVariable("MARKETDATA_SECRET");

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

using var client = new MarketDataClient(address, new MarketDataClientOptions
{
    Key = string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(secret) ? null : new ClientKey(keyId, secret),
});

try
{
    Console.WriteLine($"{symbol} {timeframe} from {address} (Ctrl-C stops)");
    var history = 0;
    await foreach (var update in client.StreamCandlesAsync(symbol, timeframe, limit: 5, stop.Token))
    {
        if (update.IsHistory) history++;
        else if (history > 0)
        {
            Console.WriteLine($"({history} candles of history above; live from here)");
            history = 0;
        }
        Console.WriteLine(Describe(update));
    }
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
}
catch (MarketDataException ex)
{
    Console.Error.WriteLine($"refused: {ex.Message}");
    return 1;
}
return 0;

static string Describe(CandleUpdate update)
{
    var c = update.Candle;
    var averages = string.Join(" ", c.MovingAverages.Select(a => $"{a.Key} {Number(a.Value)}"));
    var kind = update.IsHistory ? "history" : update.Replaces ? "revised" : "live";
    return string.Create(CultureInfo.InvariantCulture,
        $"{kind,-7} {c.Timestamp:yyyy-MM-dd HH:mm} O {c.Open} H {c.High} L {c.Low} C {c.Close} V {c.Volume} {c.MarketStatus} ATR {Number(c.Atr)} RSI {Number(c.Rsi)} {averages}");
}

static string Number(double? value) => value is { } v ? v.ToString("F2", CultureInfo.InvariantCulture) : "-";
