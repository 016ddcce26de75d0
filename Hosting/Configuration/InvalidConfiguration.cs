using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OrleansMarketData.Hosting;

/// <summary>What a process that would not start because of its settings prints before it exits.</summary>
public static class InvalidConfiguration
{
    /// <summary>
    /// Validates every setting registered with <c>ValidateOnStart</c> now, before the host starts: a bad setting then
    /// ends the process with its message alone, not after the host has logged its failed start with a stack trace.
    /// </summary>
    public static THost ValidateSettings<THost>(this THost host) where THost : IHost
    {
        host.Services.GetService<IStartupValidator>()?.Validate();
        return host;
    }

    /// <summary>
    /// Every failure of settings validation in <paramref name="exception"/>, or null when it is about something else.
    /// At start-up one section's failures come as an <see cref="OptionsValidationException"/>, several sections'
    /// together as an <see cref="AggregateException"/> of them.
    /// </summary>
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException invalid => string.Join("; ", invalid.Failures),
        AggregateException { InnerExceptions: var inner } when inner.All(e => e is OptionsValidationException) =>
            string.Join("; ", inner.SelectMany(e => ((OptionsValidationException)e).Failures)),
        _ => null,
    };
}
