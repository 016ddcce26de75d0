using System.IO.Compression;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Client;

/// <summary><c>dotnet pack</c> of the client project: a package with the assembly, its XML documentation and the README.</summary>
public sealed class ClientPackageTests : IDisposable
{
    private readonly string _output = Directory.CreateTempSubdirectory("client-package-").FullName;

    [Fact]
    public async Task Pack_makes_a_package_with_the_assembly_its_xml_docs_and_readme()
    {
        var project = Path.Combine(Repository.Root, "Client", "Client.csproj");
        var result = await Command.RunAsync("dotnet", ["pack", project, "-o", _output, "--nologo", "-v", "q"],
            new Dictionary<string, string?>(), TimeSpan.FromMinutes(5), Repository.Root);
        Assert.True(result.ExitCode == 0, result.Output);

        var package = Assert.Single(Directory.GetFiles(_output, "OrleansMarketData.Client.*.nupkg"));
        using var zip = ZipFile.OpenRead(package);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains("lib/net10.0/OrleansMarketData.Client.dll", entries);
        Assert.Contains("lib/net10.0/OrleansMarketData.Client.xml", entries);
        Assert.Contains("README.md", entries);
        using var nuspec = new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith(".nuspec")).Open());
        var manifest = await nuspec.ReadToEndAsync();
        Assert.Contains("<readme>README.md</readme>", manifest);
        // The client depends on nothing but the base library: no Orleans in its dependencies.
        Assert.DoesNotContain("Orleans\"", manifest);
        Assert.DoesNotContain("Microsoft.Orleans", manifest);
    }

    public void Dispose() => Directory.Delete(_output, recursive: true);
}
