using Microsoft.OpenApi;

namespace OrleansMarketData.Gateway.OpenApi;

/// <summary>
/// One parameter of a route as the OpenAPI document shows it. The handlers read <c>HttpRequest.Query</c> themselves
/// (their error messages and speed stay as they are), so their parameters are declared here rather than inferred.
/// </summary>
public sealed record ApiParameter(
    string Name,
    JsonSchemaType Type,
    string Description,
    ParameterLocation In = ParameterLocation.Query,
    bool Required = false,
    object? Default = null,
    int? Minimum = null,
    int? Maximum = null,
    IReadOnlyList<string>? Values = null,
    string? Format = null,
    string? Pattern = null)
{
    public ApiParameter AsRequired() => this with { Required = true };

    public ApiParameter Describe(string description) => this with { Description = description };
}
