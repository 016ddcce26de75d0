using Microsoft.Extensions.Configuration;
using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Tests.Alpaca;

[Collection(EnvironmentCollection.Name)]
public sealed class AlpacaSettingsTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("alpaca-settings-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Seed_names_in_environment_env_of_the_parent_directory_are_read()
    {
        File.WriteAllText(Path.Combine(_root, AlpacaEnvironment.FileName), """
            # Alpaca paper account
            ALPACA_API_KEY=PKSEEDKEY
            ALPACA_SECRET="seed-secret"
            ALPACA_BASE_URL=https://paper-api.alpaca.markets
            ALPACA_ENDPOINT=https://paper-api.alpaca.markets/v2
            """);
        var options = Bind(Directory.CreateDirectory(Path.Combine(_root, "backend")).FullName);

        Assert.Equal("PKSEEDKEY", options.KeyId);
        Assert.Equal("seed-secret", options.SecretKey);
        Assert.Equal("https://paper-api.alpaca.markets", options.TradingUrl);
        Assert.True(options.Enabled);
        Assert.True(new AlpacaOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Sdk_names_work_and_the_process_environment_beats_the_file()
    {
        File.WriteAllText(Path.Combine(_root, AlpacaEnvironment.FileName), "APCA_API_KEY_ID=FROMFILE\nAPCA_API_SECRET_KEY=file-secret\nALPACA_STREAM_URL=ws://127.0.0.1:1/v2/sip\n");
        Environment.SetEnvironmentVariable("APCA_API_KEY_ID", "FROMENV");
        try
        {
            var options = Bind(_root);
            Assert.Equal("FROMENV", options.KeyId);
            Assert.Equal("file-secret", options.SecretKey);
            Assert.Equal("sip", options.Feed);
        }
        finally
        {
            Environment.SetEnvironmentVariable("APCA_API_KEY_ID", null);
        }
    }

    [Fact]
    public void Without_keys_alpaca_is_off_and_the_defaults_are_alpacas_hosts()
    {
        var options = Bind(_root);
        Assert.False(options.Enabled);
        Assert.True(new AlpacaOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal("https://data.alpaca.markets", options.DataUrl);
        Assert.Equal("wss://stream.data.alpaca.markets/v2/iex", options.StreamUrl);
        Assert.Equal("iex", options.Feed);
    }

    [Theory]
    [InlineData("KEY", "", null, "ALPACA_SECRET")]
    [InlineData("", "topsecret-1", null, "ALPACA_API_KEY")]
    [InlineData("KEY", "topsecret-1", "StreamUrl=https://x.test/v2/iex", "ALPACA_STREAM_URL")]
    [InlineData("KEY", "topsecret-1", "DataUrl=ftp://x.test", "ALPACA_DATA_URL")]
    [InlineData("KEY", "topsecret-1", "TradingUrl=not a url", "ALPACA_BASE_URL")]
    [InlineData("KEY", "topsecret-1", "RequestsPerMinute=0", "Alpaca:RequestsPerMinute")]
    public void Invalid_settings_are_named_and_the_secret_is_never_shown(string key, string secret, string? other, string named)
    {
        var options = new AlpacaOptions { KeyId = key, SecretKey = secret };
        if (other is not null)
        {
            var (name, value) = (other[..other.IndexOf('=')], other[(other.IndexOf('=') + 1)..]);
            typeof(AlpacaOptions).GetProperty(name)!.SetValue(options, name == "RequestsPerMinute" ? int.Parse(value) : value);
        }
        var error = new AlpacaOptionsValidator().Validate(null, options).FailureMessage;
        Assert.NotNull(error);
        Assert.Contains(named, error);
        Assert.DoesNotContain("topsecret-1", error);
    }

    private static AlpacaOptions Bind(string directory)
    {
        var configuration = new ConfigurationBuilder().AddAlpacaEnvironment(directory).Build();
        var options = new AlpacaOptions();
        configuration.GetSection(AlpacaOptions.Section).Bind(options);
        return options;
    }
}

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EnvironmentCollection
{
    public const string Name = "process environment";
}
