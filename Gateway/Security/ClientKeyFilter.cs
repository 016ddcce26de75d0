using OrleansMarketData.Gateway.Api;

namespace OrleansMarketData.Gateway.Security;

/// <summary>Refuses a REST request without a valid client key (when keys are required) with 401 before it runs.</summary>
public sealed class ClientKeyFilter(ClientKeys keys) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        keys.Identify(context.HttpContext).Allowed
            ? next(context)
            : ValueTask.FromResult<object?>(ApiError.Result(StatusCodes.Status401Unauthorized, $"unauthorized: {keys.Requirement}"));
}
