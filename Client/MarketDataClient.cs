using System.Net.Http.Headers;
using System.Text.Json;
using OrleansMarketData.Client.Json;
using OrleansMarketData.Client.Streaming;

namespace OrleansMarketData.Client;

/// <summary>
/// A gateway's API (docs/api.md) as typed calls: candles with indicators and the latest bar over REST, and
/// <see cref="StreamCandlesAsync"/> over the <c>/ws/candles</c> WebSocket. Thread-safe; one per gateway address.
/// </summary>
public sealed class MarketDataClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;

    /// <summary>A client of the gateway at <paramref name="baseAddress"/> (e.g. <c>http://localhost:8000</c>).</summary>
    public MarketDataClient(Uri baseAddress, MarketDataClientOptions? options = null)
        : this(new HttpClient { BaseAddress = baseAddress }, options) => _ownsHttp = true;

    /// <summary>
    /// A client over <paramref name="http"/>, whose <see cref="HttpClient.BaseAddress"/> is the gateway (for
    /// <c>IHttpClientFactory</c>); the caller keeps ownership of it.
    /// </summary>
    public MarketDataClient(HttpClient http, MarketDataClientOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (http.BaseAddress is null) throw new ArgumentException("HttpClient.BaseAddress must be the gateway's address", nameof(http));
        _http = http;
        Options = options ?? new MarketDataClientOptions();
        if (Options.InitialReconnectDelay <= TimeSpan.Zero || Options.MaxReconnectDelay < Options.InitialReconnectDelay)
            throw new ArgumentException("InitialReconnectDelay must be positive and MaxReconnectDelay at least as long", nameof(options));
    }

    /// <summary>The settings this client was made with.</summary>
    public MarketDataClientOptions Options { get; }

    /// <summary>The gateway's address.</summary>
    public Uri BaseAddress => _http.BaseAddress!;

    /// <summary><c>GET /api/health</c>: the feed, the cluster's size and the market time. Answers with 503 are returned too.</summary>
    public async Task<GatewayHealth> GetHealthAsync(CancellationToken cancellationToken = default) =>
        WireJson.Health(await GetJsonAsync("api/health", acceptUnavailable: true, cancellationToken));

    /// <summary><c>GET /api/symbols/{symbol}/historical</c>: the newest <paramref name="limit"/> candles, oldest first.</summary>
    /// <param name="symbol">A ticker, case-insensitive.</param>
    /// <param name="timeframe"><c>1Min</c>, <c>5Min</c>, <c>15Min</c>, <c>1Hour</c> or <c>1Day</c>.</param>
    /// <param name="limit">1 to 10000.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="MarketDataException">The gateway refused: bad input (400), unknown symbol (404), unavailable (503).</exception>
    public async Task<CandleHistory> GetHistoryAsync(string symbol, string timeframe = "1Min", int limit = 100, CancellationToken cancellationToken = default) =>
        WireJson.History(await GetJsonAsync(
            $"api/symbols/{Uri.EscapeDataString(symbol)}/historical?timeframe={Uri.EscapeDataString(timeframe)}&limit={limit}", false, cancellationToken));

    /// <summary><c>GET /api/symbols/{symbol}/latest</c>: the newest 1-minute bar.</summary>
    /// <exception cref="MarketDataException">The gateway refused: bad input (400), unknown symbol (404), unavailable (503).</exception>
    public async Task<LatestBar> GetLatestAsync(string symbol, CancellationToken cancellationToken = default) =>
        WireJson.Latest(await GetJsonAsync($"api/symbols/{Uri.EscapeDataString(symbol)}/latest", false, cancellationToken));

    /// <summary>
    /// Live candles of <c>/ws/candles/{symbol}</c>: the newest <paramref name="limit"/> candles first
    /// (<see cref="CandleUpdate.IsHistory"/>), then each new or changed candle. When the connection drops it reconnects
    /// with a doubling delay, reads the history again and yields only what it had not yielded (the bars the outage
    /// hid, a last bar that changed), so the caller sees no gap and no duplicate, provided the outage lasted fewer
    /// than <paramref name="limit"/> candles. Ends when <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    /// <exception cref="MarketDataException">The gateway refused the stream (bad input, no valid key, unknown symbol), or reconnecting gave up (<see cref="MarketDataClientOptions.MaxReconnectAttempts"/>).</exception>
    public IAsyncEnumerable<CandleUpdate> StreamCandlesAsync(
        string symbol, string timeframe = "1Min", int limit = 100, CancellationToken cancellationToken = default) =>
        new CandleStream(SocketAddress(symbol, timeframe, limit), Options).ReadAsync(cancellationToken);

    /// <summary>Disposes the <see cref="HttpClient"/> when this client made it.</summary>
    public void Dispose()
    {
        if (_ownsHttp) _http.Dispose();
    }

    private Uri SocketAddress(string symbol, string timeframe, int limit)
    {
        var socket = new UriBuilder(new Uri(BaseAddress, $"ws/candles/{Uri.EscapeDataString(symbol)}"))
        {
            Scheme = BaseAddress.Scheme == Uri.UriSchemeHttps ? "wss" : "ws",
            Query = $"timeframe={Uri.EscapeDataString(timeframe)}&limit={limit}",
        };
        return socket.Uri;
    }

    private async Task<JsonElement> GetJsonAsync(string path, bool acceptUnavailable, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (Options.Key is { } key)
        {
            request.Headers.Add(ClientKey.KeyIdHeader, key.KeyId);
            request.Headers.Add(ClientKey.SecretHeader, key.Secret);
        }
        using var response = await _http.SendAsync(request, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        var status = (int)response.StatusCode;
        if (!response.IsSuccessStatusCode && !(acceptUnavailable && status == 503))
            throw new MarketDataException(WireJson.Error(body, status), httpStatus: status);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
