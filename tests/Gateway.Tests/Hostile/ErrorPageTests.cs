using System.Net.Sockets;
using System.Text;

namespace OrleansMarketData.Gateway.Tests.Hostile;

/// <summary>The answers no endpoint writes itself: unknown routes, wrong methods, requests that are not HTTP.</summary>
[Collection(HostileCollection.Name)]
public sealed class ErrorPageTests(HostileGateway gateway)
{
    private const int Seed = 401;

    [Fact]
    public async Task Unknown_routes_and_wrong_methods_get_a_clean_json_error()
    {
        var values = new FuzzValues(Seed);
        var problems = new List<string>();
        var paths = new List<string> { "/api", "/api/symbols", "/api/symbols/AAPL", "/api/market/status", "/v2", "/v2/stocks", "/v2/nope", "/ws", "/ws/candles", "/dashboard" };
        for (var i = 0; i < 100; i++) paths.Add($"/{values.Pick(new[] { "api", "v2", "ws", "x" })}/{values.Next()}/{values.Next()}");
        var methods = new[] { HttpMethod.Get, HttpMethod.Post, HttpMethod.Put, HttpMethod.Delete, HttpMethod.Patch, HttpMethod.Options, new HttpMethod("BREW") };
        var routes = new[] { "/api/health", "/api/symbols/AAPL/historical", "/api/symbols/AAPL/latest", "/v2/stocks/AAPL/bars?timeframe=1Min", "/v2/clock", "/v2/calendar", "/ws/candles/AAPL", "/v2/iex" };

        foreach (var path in paths) await CheckAsync(problems, HttpMethod.Get, path);
        foreach (var route in routes)
        foreach (var method in methods.Skip(1))
            await CheckAsync(problems, method, route);
        Assert.True(problems.Count == 0, $"seed {Seed}: {problems.Count} bad answers, e.g.:\n{string.Join("\n", problems.Take(10))}");
    }

    /// <summary>
    /// Kestrel answers these itself, before any middleware: a 4xx (505 for an HTTP version it does not speak), and
    /// nothing in it that leaks. A body the endpoint never reads does not matter to it.
    /// </summary>
    [Theory]
    [InlineData("GET /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", 400, 499)]
    [InlineData("GET /api/health HTTP/9.9\r\nHost: x\r\n\r\n", 505, 505)]
    [InlineData("GET /api/\u00ff\u00fe HTTP/1.1\r\nHost: x\r\n\r\n", 400, 499)]
    [InlineData("GET /api/health HTTP/1.1\r\nHost: x\r\nBad Header\r\n\r\n", 400, 499)]
    [InlineData("GET /api/health HTTP/1.1\r\n\r\n", 400, 499)]
    [InlineData("GARBAGE\r\n\r\n", 400, 499)]
    [InlineData("GET /api/health HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 200, 499)]
    [InlineData("POST /api/health HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n{{{{{", 400, 499)]
    public async Task Malformed_requests_get_a_4xx_that_leaks_nothing(string request, int lowest, int highest)
    {
        var answer = await SendRawAsync(Encoding.Latin1.GetBytes(request));
        var status = answer.Split(' ', 3) is [_, var code, ..] && int.TryParse(code, out var parsed) ? parsed : 0;
        Assert.True(status >= lowest && status <= highest, $"answered: {Leaks.Cut(answer)}");
        Assert.Null(Leaks.Find(answer));
        // Only a body the gateway wrote itself exists, and that is JSON.
        var body = answer[(answer.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        if (body.Length > 0 && status >= 400) Assert.Contains("\"error\"", body);
    }

    private async Task CheckAsync(List<string> problems, HttpMethod method, string pathAndQuery)
    {
        using var request = new HttpRequestMessage(method, new Uri(gateway.Http.BaseAddress!, pathAndQuery));
        using var response = await gateway.Http.SendAsync(request);
        if (await Leaks.ProblemAsync(response) is { } problem) problems.Add($"{method} {Leaks.Cut(pathAndQuery)} -> {problem}");
    }

    private async Task<string> SendRawAsync(byte[] request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(gateway.Factory.BaseAddress.Host, gateway.Factory.BaseAddress.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(request);
        // Kestrel closes the connection after refusing a request; the timeout only bounds a server that does not.
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        using var answer = new MemoryStream();
        try
        {
            await stream.CopyToAsync(answer, cts.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException)
        {
            // Kestrel may reset the connection after its answer.
        }
        return Encoding.UTF8.GetString(answer.ToArray());
    }
}
