using Microsoft.OpenApi;
using OrleansMarketData.Gateway.AlpacaApi.Rest;
using Scalar.AspNetCore;

namespace OrleansMarketData.Gateway.OpenApi;

/// <summary>
/// <c>/openapi/v1.json</c>: the REST routes of <c>/api</c> and <c>/v2</c> (docs/dotnet.md); <c>/docs</c>: Scalar's
/// interactive page over it, its script served from the Scalar.AspNetCore package inside this process, no CDN.
/// </summary>
public static class GatewayOpenApi
{
    public const string DocumentName = "v1";
    public const string DocumentPath = "/openapi/v1.json";
    public const string PagePath = "/docs";

    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description =>
                description.RelativePath is { } path && (path.StartsWith("api/", StringComparison.Ordinal) || path.StartsWith("v2/", StringComparison.Ordinal)
                    || NotServedEndpoints.OtherVersions.Any(v => path.StartsWith(v[1..] + "/", StringComparison.Ordinal)));
            options.AddOperationTransformer<ParameterTransformer>();
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new OpenApiInfo
                {
                    Title = "OrleansMarketData",
                    Version = DocumentName,
                    Description = "US-stock candles with indicators (/api) and Alpaca's market-data REST (/v2). " +
                        "The WebSocket protocols (/ws/candles, /v2/{feed}) are described in docs/asyncapi.yaml, docs/api.md and docs/alpaca-compatibility.md.",
                };
                document.Components ??= new OpenApiComponents();
                document.Components.SecuritySchemes = new Dictionary<string, IOpenApiSecurityScheme>
                {
                    ["client-key-id"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "APCA-API-KEY-ID", Description = "Client key id, when ClientAuth is on (docs/operations.md#security)" },
                    ["client-secret"] = new OpenApiSecurityScheme { Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = "APCA-API-SECRET-KEY", Description = "Client secret, when ClientAuth is on" },
                };
                return Task.CompletedTask;
            });
        });

    public static WebApplication MapApiDocs(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        app.MapScalarApiReference(PagePath, options => options
            .WithTitle("OrleansMarketData API")
            .WithOpenApiRoutePattern("/openapi/{documentName}.json")
            .DisableDefaultFonts()
            .DisableTelemetry()
            .DisableAgent()
            .DisableMcp());
        return app;
    }
}
