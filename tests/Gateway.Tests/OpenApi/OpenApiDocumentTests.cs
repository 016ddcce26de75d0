using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OrleansMarketData.Gateway.AlpacaApi.Rest;
using OrleansMarketData.Gateway.OpenApi;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.OpenApi;

/// <summary>
/// /openapi/v1.json against the routes the gateway really maps: every REST route of /api and /v2 with its path and
/// query parameters, a typed success body and its error shape; a new route without a description fails here.
/// </summary>
[Collection(GatewayCollection.Name)]
public sealed partial class OpenApiDocumentTests(GatewayFixture fixture)
{
    /// <summary>Routes outside the document on purpose: probes, metrics, the document and its page (docs/dotnet.md).</summary>
    private static readonly string[] Undocumented = ["/health/live", "/health/ready", "/metrics", "/openapi/{documentName}.json"];

    private static bool IsUndocumented(string pattern) =>
        Undocumented.Contains(pattern) || pattern == GatewayOpenApi.PagePath || pattern.StartsWith(GatewayOpenApi.PagePath + "/", StringComparison.Ordinal);

    [Fact]
    public async Task Document_lists_every_mapped_rest_route_with_its_parameters_body_and_error_shape()
    {
        var document = await fixture.Http.GetFromJsonAsync<JsonElement>(GatewayOpenApi.DocumentPath);
        var paths = document.GetProperty("paths");
        var routes = MappedRoutes();
        Assert.Contains(routes, r => r.Pattern == "/api/symbols/{symbol}/historical");
        Assert.Contains(routes, r => r.Pattern == "/v2/calendar");

        foreach (var route in routes.Where(r => !IsUndocumented(r.Pattern)))
        {
            var path = RouteParameter().Replace(route.Pattern, "{$1}");
            Assert.True(paths.TryGetProperty(path, out var item), $"{route.Method} {route.Pattern} is not in the OpenAPI document");
            Assert.True(item.TryGetProperty(route.Method.ToLowerInvariant(), out var operation), $"{route.Method} {path} is not in the document");
            var documented = operation.TryGetProperty("parameters", out var list)
                ? list.EnumerateArray().Select(p => (Name: p.GetProperty("name").GetString()!, In: p.GetProperty("in").GetString()!, Schema: p.GetProperty("schema"))).ToList()
                : [];
            foreach (Match match in RouteParameter().Matches(route.Pattern))
                Assert.Contains(documented, p => p.Name == match.Groups[1].Value && p.In == "path");
            foreach (var query in route.Declared?.QueryNames ?? [])
                Assert.Contains(documented, p => p.Name == query && p.In == "query");
            Assert.All(documented, p => Assert.True(p.Schema.TryGetProperty("type", out _), $"{path} {p.Name} has no type"));

            var responses = operation.GetProperty("responses");
            var alpaca = path.StartsWith("/v2/", StringComparison.Ordinal)
                || NotServedEndpoints.OtherVersions.Any(v => path.StartsWith(v + "/", StringComparison.Ordinal));
            var errorShape = alpaca ? "AlpacaError" : "ApiError";
            foreach (var response in responses.EnumerateObject())
            {
                var schema = response.Value.GetProperty("content").GetProperty("application/json").GetProperty("schema").ToString();
                // /api/health answers its 503 with the health report itself (docs/api.md).
                if (response.Name.StartsWith('2') || path == "/api/health") Assert.Contains("\"$ref\"", schema.Replace("\"items\"", "\"$ref\""));
                else Assert.Contains($"/{errorShape}\"", schema);
            }
            Assert.True(responses.EnumerateObject().Any(r => !r.Name.StartsWith('2')), $"{path} documents no error");
        }
    }

    [Fact]
    public async Task Documented_query_parameters_of_the_alpaca_routes_are_those_they_accept()
    {
        var paths = (await fixture.Http.GetFromJsonAsync<JsonElement>(GatewayOpenApi.DocumentPath)).GetProperty("paths");
        foreach (var path in new[]
        {
            "/v2/stocks/bars", "/v2/stocks/bars/latest", "/v2/stocks/{symbol}/bars", "/v2/stocks/{symbol}/bars/latest", "/v2/clock", "/v2/calendar",
            "/v2/stocks/trades", "/v2/stocks/quotes", "/v2/stocks/trades/latest", "/v2/stocks/quotes/latest", "/v2/stocks/{symbol}/trades",
            "/v2/stocks/{symbol}/quotes", "/v2/stocks/{symbol}/trades/latest", "/v2/stocks/{symbol}/quotes/latest", "/v2/stocks/snapshots",
            "/v2/stocks/{symbol}/snapshot",
        })
        {
            var documented = paths.GetProperty(path).GetProperty("get").TryGetProperty("parameters", out var list)
                ? list.EnumerateArray().Where(p => p.GetProperty("in").GetString() == "query").Select(p => p.GetProperty("name").GetString()!).Order().ToList()
                : [];
            // The route refuses an unknown parameter, naming those it accepts (AlpacaApi/Rest/Parameters/AlpacaQuery.cs).
            var response = await fixture.Http.GetAsync(path.Replace("{symbol}", "AAPL") + "?not_a_parameter=1");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var message = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString()!;
            var accepted = message.Contains("allowed are ")
                ? message[(message.IndexOf("allowed are ", StringComparison.Ordinal) + "allowed are ".Length)..].Split(", ", StringSplitOptions.RemoveEmptyEntries).Order().ToList()
                : [];
            Assert.True(accepted.SequenceEqual(documented), $"{path}: documented [{string.Join(", ", documented)}], accepted [{string.Join(", ", accepted)}]");
        }
    }

    [Theory]
    [InlineData("timeframe", "2Sec")]
    [InlineData("limit", "10001")]
    [InlineData("limit", "0")]
    public async Task Documented_api_parameters_are_read_and_their_ranges_enforced(string name, string outside)
    {
        var response = await fixture.Http.GetAsync($"/api/symbols/AAPL/historical?{name}={outside}");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.StartsWith($"invalid {name}", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("error").GetString());
        var parameter = (await fixture.Http.GetFromJsonAsync<JsonElement>(GatewayOpenApi.DocumentPath))
            .GetProperty("paths").GetProperty("/api/symbols/{symbol}/historical").GetProperty("get").GetProperty("parameters")
            .EnumerateArray().Single(p => p.GetProperty("name").GetString() == name).GetProperty("schema");
        if (name == "limit") Assert.Equal(10_000, parameter.GetProperty("maximum").GetInt32());
        else Assert.DoesNotContain(parameter.GetProperty("enum").EnumerateArray(), v => v.GetString() == outside);
    }

    [Fact]
    public async Task Docs_page_loads_its_scripts_from_the_gateway_under_a_policy_that_allows_no_other_origin()
    {
        var page = await fixture.Http.GetAsync(GatewayOpenApi.PagePath + "/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = string.Join(' ', page.Headers.GetValues("Content-Security-Policy"));
        Assert.DoesNotContain("http", policy);
        Assert.Contains("default-src 'self'", policy);
        var html = await page.Content.ReadAsStringAsync();
        var scripts = ScriptSource().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (var script in scripts)
        {
            Assert.DoesNotContain("//", script);
            Assert.Equal(HttpStatusCode.OK, (await fixture.Http.GetAsync(new Uri(new Uri(fixture.Http.BaseAddress!, GatewayOpenApi.PagePath + "/"), script))).StatusCode);
        }
    }

    [Fact]
    public void Every_websocket_route_is_a_channel_of_the_asyncapi_document()
    {
        // Routes mapped without an HTTP method are the WebSocket endpoints, but for the fallback and the Prometheus scrape endpoint.
        var sockets = fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is null && e.RoutePattern.RawText is { } raw && !raw.StartsWith("{*", StringComparison.Ordinal))
            .Select(e => RouteParameter().Replace("/" + e.RoutePattern.RawText!.TrimStart('/'), "{$1}")).Where(p => p != "/metrics").ToList();
        Assert.Contains("/ws/candles/{symbol}", sockets);
        var asyncApi = File.ReadAllText(Path.Combine(Repository.Root, "docs", "asyncapi.yaml"));
        var channels = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<Dictionary<string, object>>(asyncApi)["channels"];
        var addresses = ((Dictionary<object, object>)channels).Values.Cast<Dictionary<object, object>>().Select(c => (string)c["address"]).ToList();
        Assert.Equal(sockets.Order(), addresses.Order());
    }

    [GeneratedRegex("<script[^>]*src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();

    private List<(string Method, string Pattern, ApiParameters? Declared)> MappedRoutes() =>
        fixture.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Where(m => m != "HEAD")
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'), e.Metadata.GetMetadata<ApiParameters>())))
            .Distinct().ToList();

    /// <summary>A route parameter, without its constraints or catch-all stars.</summary>
    [GeneratedRegex(@"\{\**([A-Za-z_]+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
