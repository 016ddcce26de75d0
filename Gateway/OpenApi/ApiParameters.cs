namespace OrleansMarketData.Gateway.OpenApi;

/// <summary>Endpoint metadata: the parameters of a route, for <see cref="ParameterTransformer"/>.</summary>
public sealed record ApiParameters(IReadOnlyList<ApiParameter> Items)
{
    /// <summary>The query parameters a route reads.</summary>
    public IEnumerable<string> QueryNames => Items.Where(p => p.In == Microsoft.OpenApi.ParameterLocation.Query).Select(p => p.Name);
}

public static class ApiParametersExtensions
{
    public static RouteHandlerBuilder WithParameters(this RouteHandlerBuilder route, params ApiParameter[] parameters) =>
        route.WithMetadata(new ApiParameters(parameters));
}
