using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace OrleansMarketData.Hosting;

/// <summary>
/// The <c>appsettings.json</c> beside the assembly, as the lowest configuration source. The host reads the one in
/// its content root, the working folder; started from anywhere else (the local cluster starts every process from
/// the repository root) it would fall back to the framework's defaults, which log every request with its URL.
/// </summary>
public static class DefaultSettingsFile
{
    public const string Name = "appsettings.json";

    public static IConfigurationBuilder AddDefaultSettingsFile(this IConfigurationBuilder configuration)
    {
        var beside = new JsonConfigurationSource
        {
            Path = Name,
            Optional = true,
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
        };
        // First, so that the content root's file, the environment and the command line all override it.
        configuration.Sources.Insert(0, beside);
        return configuration;
    }
}
