using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using OrleansMarketData.Gateway.AlpacaApi.Rest.Errors;
using OrleansMarketData.Gateway.Api;

namespace OrleansMarketData.Gateway.Security;

/// <summary>
/// The REST rate limit: a token bucket per client (its key, or its address when keys are not required). A client
/// over it gets 429 with <c>Retry-After</c>, in the error shape of the API it called.
/// </summary>
public static class ClientRateLimits
{
    public const string Policy = "per-client";

    public static IServiceCollection AddClientRateLimits(this IServiceCollection services)
    {
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<ClientLimitsOptions>>((options, clientLimits) =>
        {
            var limits = clientLimits.Value;
            options.AddPolicy(Policy, context =>
            {
                if (limits.RequestsPerSecond == 0) return RateLimitPartition.GetNoLimiter("");
                var client = context.RequestServices.GetRequiredService<ClientKeys>().Identify(context).Client;
                return RateLimitPartition.GetTokenBucketLimiter(client, _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = limits.RequestBurst,
                    TokensPerPeriod = limits.RequestsPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (rejected, _) =>
            {
                var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
                var http = rejected.HttpContext;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                var message = $"rate limit exceeded: at most {limits.RequestsPerSecond} requests a second per client; retry after {seconds} s";
                var answer = http.Request.Path.StartsWithSegments("/v2")
                    ? AlpacaError.Result(StatusCodes.Status429TooManyRequests, message)
                    : ApiError.Result(StatusCodes.Status429TooManyRequests, message);
                await answer.ExecuteAsync(http);
            };
        });
        return services;
    }
}
