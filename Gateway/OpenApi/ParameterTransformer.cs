using System.Text.Json.Nodes;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OrleansMarketData.Gateway.OpenApi;

/// <summary>
/// Writes each route's <see cref="ApiParameters"/> into its operation: names, types, ranges, defaults and allowed
/// values. A path parameter the generator already found (from the handler's <c>string symbol</c>) is replaced, so it
/// gains its pattern and description.
/// </summary>
public sealed class ParameterTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.ActionDescriptor.EndpointMetadata.OfType<ApiParameters>().LastOrDefault() is not { } declared)
            return Task.CompletedTask;
        operation.Parameters ??= [];
        foreach (var parameter in declared.Items)
        {
            var existing = operation.Parameters.FirstOrDefault(p => p.Name == parameter.Name && p.In == parameter.In);
            if (existing is not null) operation.Parameters.Remove(existing);
            operation.Parameters.Add(Describe(parameter));
        }
        return Task.CompletedTask;
    }

    private static OpenApiParameter Describe(ApiParameter parameter) => new()
    {
        Name = parameter.Name,
        In = parameter.In,
        Description = parameter.Description,
        Required = parameter.Required || parameter.In == ParameterLocation.Path,
        Schema = new OpenApiSchema
        {
            Type = parameter.Type,
            Format = parameter.Format,
            Pattern = parameter.Pattern,
            Minimum = parameter.Minimum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Maximum = parameter.Maximum?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Default = parameter.Default switch
            {
                int number => JsonValue.Create(number),
                string text => JsonValue.Create(text),
                _ => null,
            },
            Enum = parameter.Values?.Select(v => (JsonNode)JsonValue.Create(v)).ToList(),
        },
    };
}
