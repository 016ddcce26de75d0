using Microsoft.Extensions.Configuration;
using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Tests.Alpaca;

/// <summary>Keys from files named by <c>*_FILE</c> variables, as container platforms mount secrets.</summary>
[Collection(EnvironmentCollection.Name)]
public sealed class AlpacaKeyFileTests : IDisposable
{
    private static readonly string[] Variables = ["ALPACA_API_KEY_FILE", "ALPACA_SECRET_FILE", "APCA_API_SECRET_KEY_FILE", "ALPACA_SECRET"];
    private readonly string _root = Directory.CreateTempSubdirectory("alpaca-key-files-").FullName;

    public void Dispose()
    {
        foreach (var variable in Variables) Environment.SetEnvironmentVariable(variable, null);
        Directory.Delete(_root, recursive: true);
    }

    [Fact]
    public void Keys_are_read_from_the_files_the_variables_name_and_trimmed()
    {
        Environment.SetEnvironmentVariable("ALPACA_API_KEY_FILE", Secret("key", "  PKFROMFILE\n"));
        Environment.SetEnvironmentVariable("ALPACA_SECRET_FILE", Secret("secret", "file-secret-7d3\r\n\n"));

        var options = Bind();

        Assert.Equal("PKFROMFILE", options.KeyId);
        Assert.Equal("file-secret-7d3", options.SecretKey);
        Assert.True(options.Enabled);
        Assert.True(new AlpacaOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void A_file_variable_in_environment_env_works_and_a_directly_set_secret_beats_it()
    {
        File.WriteAllText(Path.Combine(_root, AlpacaEnvironment.FileName),
            $"APCA_API_KEY_ID=PKENVFILE\nAPCA_API_SECRET_KEY_FILE={Secret("sdk-secret", "sdk-file-secret")}\n");
        Assert.Equal("sdk-file-secret", Bind().SecretKey);

        Environment.SetEnvironmentVariable("ALPACA_SECRET", "direct-secret");
        Assert.Equal("direct-secret", Bind().SecretKey);
    }

    [Fact]
    public void A_file_that_cannot_be_read_fails_validation_naming_the_variable_and_the_path()
    {
        var missing = Path.Combine(_root, "no-such-secret");
        Environment.SetEnvironmentVariable("ALPACA_SECRET_FILE", missing);

        var error = new AlpacaOptionsValidator().Validate(null, Bind()).FailureMessage;

        Assert.NotNull(error);
        Assert.Contains("ALPACA_SECRET_FILE", error);
        Assert.Contains(missing, error);
    }

    private string Secret(string name, string content)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, content);
        return path;
    }

    private AlpacaOptions Bind()
    {
        var configuration = new ConfigurationBuilder().AddAlpacaEnvironment(_root).Build();
        var options = new AlpacaOptions();
        configuration.GetSection(AlpacaOptions.Section).Bind(options);
        return options;
    }
}
