using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace OrleansMarketData.Hosting;

/// <summary>
/// Settings bound from a configuration section (<c>A:B</c> there is environment variable <c>A__B</c>) and checked
/// by the section's <see cref="IValidateOptions{TOptions}"/>: a bad setting stops start-up with a message that names it.
/// </summary>
public static class ValidatedOptions
{
    /// <summary>
    /// <c>AddOptions&lt;T&gt;()</c> bound from <paramref name="section"/> of <paramref name="configuration"/>,
    /// validated by <typeparamref name="TValidator"/> when the host starts. Unlike <c>BindConfiguration</c>, a value
    /// the binder cannot convert ("abc" for a port) is a validation failure too, reported with the others, rather
    /// than the binder's exception out of the host's start.
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T, TValidator>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class
        where TValidator : class, IValidateOptions<T>
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<T>, TValidator>());
        return services.AddBoundOptions<T>(configuration, section).ValidateOnStart();
    }

    /// <summary><c>AddOptions&lt;T&gt;()</c> bound from <paramref name="section"/>, for a process that only reads it.</summary>
    public static OptionsBuilder<T> AddBoundOptions<T>(this IServiceCollection services, IConfiguration configuration, string section)
        where T : class =>
        services.AddOptions<T>().Configure(options => Bind(configuration, section, options));

    /// <summary>
    /// Binds and validates <paramref name="section"/> at once, for the settings needed while the host is being built
    /// (how the process joins the cluster, its ports, the silo's metrics listener): the same messages as at start.
    /// </summary>
    public static T ReadValidated<T, TValidator>(this IConfiguration configuration, string section)
        where T : class, new()
        where TValidator : IValidateOptions<T>, new()
    {
        var options = new T();
        Bind(configuration, section, options);
        var result = new TValidator().Validate(Options.DefaultName, options);
        return result.Failed ? throw new OptionsValidationException(section, typeof(T), result.Failures) : options;
    }

    private static void Bind<T>(IConfiguration configuration, string section, T options) where T : class
    {
        try
        {
            configuration.GetSection(section).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            // The binder's message names the setting and the value: "Failed to convert configuration value 'abc' at 'Cluster:SiloPort' ...".
            throw new OptionsValidationException(section, typeof(T), [ex.Message]);
        }
    }
}
