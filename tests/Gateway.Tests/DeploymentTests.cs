using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Testing;
using YamlDotNet.Serialization;

namespace OrleansMarketData.Gateway.Tests;

/// <summary>
/// The cluster deployment files: docker-compose.yml as docker-compose resolves it, the Dockerfiles, and the
/// load balancer's nginx configuration, checked by nginx itself and exercised in front of a real gateway.
/// </summary>
public sealed class DeploymentTests
{
    private static readonly string[] AlpacaVariables =
    [
        "ALPACA_API_KEY", "ALPACA_SECRET", "APCA_API_KEY_ID", "APCA_API_SECRET_KEY",
        "ALPACA_DATA_URL", "ALPACA_STREAM_URL", "ALPACA_BASE_URL", "ALPACA_ENDPOINT",
    ];

    [Fact]
    public async Task Compose_file_defines_redis_postgres_two_silos_two_gateways_and_nginx_on_port_8000()
    {
        var environment = AlpacaVariables.ToDictionary(v => v, v => $"value-of-{v}");
        environment["POSTGRES_PASSWORD"] = "password-from-the-environment";
        var services = await ResolvedComposeServicesAsync(environment);

        var redis = Map(services["redis"]);
        Assert.StartsWith("redis", Str(redis["image"]));
        Assert.Contains("ping", HealthcheckTest(redis));

        var postgres = Map(services["postgres"]);
        Assert.StartsWith("postgres:", Str(postgres["image"]));
        Assert.Contains("pg_isready", HealthcheckTest(postgres));
        var postgresEnv = Environment(postgres);
        Assert.Equal("password-from-the-environment", postgresEnv["POSTGRES_PASSWORD"]);
        // A named volume, so that the bars outlive the container.
        var dataVolume = Assert.Single(List(postgres["volumes"]).Select(Str), v => v.Contains(":/var/lib/postgresql/data"));
        var volumeName = dataVolume.Split(':')[0];
        Assert.False(volumeName.StartsWith('/'), dataVolume);
        Assert.True(Map(ResolvedComposeRoot["volumes"]).ContainsKey(volumeName), $"volume {volumeName} is not declared");

        var silos = ServicesBuiltFrom(services, "Silo/Dockerfile");
        Assert.True(silos.Count >= 2, $"expected at least 2 silo services, found {silos.Count}");
        foreach (var (name, silo) in silos)
        {
            var env = Environment(silo);
            Assert.Equal("Redis", env["Cluster__Mode"]);
            Assert.Equal("redis:6379", env["Cluster__Redis"]);
            Assert.Equal("service_healthy", Str(Map(Map(silo["depends_on"])["redis"])["condition"]));
            Assert.Equal("service_healthy", Str(Map(Map(silo["depends_on"])["postgres"])["condition"]));
            Assert.Equal("Postgres", env["BarStore__Provider"]);
            var store = env["BarStore__Postgres__ConnectionString"];
            Assert.Contains("Host=postgres;", store);
            Assert.Contains($"Database={postgresEnv["POSTGRES_DB"]};", store);
            Assert.Contains($"Username={postgresEnv["POSTGRES_USER"]};", store);
            Assert.Contains("Password=password-from-the-environment", store);
            foreach (var variable in AlpacaVariables) Assert.Equal($"value-of-{variable}", env[variable]);
            Assert.False(silo.ContainsKey("ports"), $"{name} should not publish ports to the host");
            // Probed on its metrics port, where the Silo process serves /health/ready (Hosting/Health/SiloHealthListener.cs).
            Assert.Contains("/health/ready", HealthcheckTest(silo));
            Assert.Contains($"/dev/tcp/127.0.0.1/{env["Telemetry__MetricsPort"]}", HealthcheckTest(silo));
        }

        var gateways = ServicesBuiltFrom(services, "Gateway/Dockerfile");
        Assert.True(gateways.Count >= 2, $"expected at least 2 gateway services, found {gateways.Count}");
        foreach (var (_, gateway) in gateways)
        {
            var env = Environment(gateway);
            Assert.Equal("Redis", env["Cluster__Mode"]);
            Assert.Equal("redis:6379", env["Cluster__Redis"]);
            Assert.Equal("http://0.0.0.0:8080", env["Urls"]);
            Assert.Contains("/health/ready", HealthcheckTest(gateway));
            Assert.Contains("8080", HealthcheckTest(gateway));
            foreach (var (silo, _) in silos)
                Assert.Equal("service_healthy", Str(Map(Map(gateway["depends_on"])[silo])["condition"]));
            foreach (var variable in AlpacaVariables) Assert.Equal($"value-of-{variable}", env[variable]);
        }

        var lb = Map(services["lb"]);
        Assert.StartsWith("nginx", Str(lb["image"]));
        // On the loopback address only: a local test cluster is not published to the network.
        Assert.Equal(["127.0.0.1:8000:8000/tcp"], List(lb["ports"]).Select(Str));
        var volumes = List(lb["volumes"]).Select(Str).ToList();
        Assert.Contains($"{Path.Combine(RepoRoot, "deploy", "nginx", "nginx.conf")}:/etc/nginx/nginx.conf:ro", volumes);
        Assert.Contains($"{Path.Combine(RepoRoot, "deploy", "nginx", "proxy.conf")}:/etc/nginx/proxy.conf:ro", volumes);
        var upstreams = UpstreamServers(File.ReadAllText(Path.Combine(RepoRoot, "deploy", "nginx", "nginx.conf")));
        Assert.Equal(gateways.Select(g => $"{g.Name}:8080").Order(), upstreams.Order());
    }

    private const string ComposeKeyId = "compose-client";
    private static readonly string ComposeSecretSha256 = new('a', 64);

    [Fact]
    public async Task Compose_gateways_take_the_client_key_from_the_environment_and_restrict_cors()
    {
        var services = await ResolvedComposeServicesAsync(new Dictionary<string, string>());
        foreach (var (_, gateway) in ServicesBuiltFrom(services, "Gateway/Dockerfile"))
        {
            var env = Environment(gateway);
            Assert.False(env.ContainsKey("ClientAuth__Enabled"), "keys are on because they are given");
            Assert.Equal(ComposeKeyId, env["ClientAuth__Keys__0__KeyId"]);
            Assert.Equal(ComposeSecretSha256, env["ClientAuth__Keys__0__SecretSha256"]);
            Assert.Equal("http://localhost:8000", env["Gateway__CorsOrigins__0"]);
        }
    }

    [Fact]
    public async Task Compose_file_resolves_with_an_empty_environment_and_passes_no_client_key()
    {
        var empty = new[] { "CLIENT_KEY_ID", "CLIENT_SECRET_SHA256", "CORS_ORIGIN", "POSTGRES_PASSWORD", "MarketData__Simulator__Speed" }
            .Concat(AlpacaVariables).ToDictionary(v => v, string? (_) => null);
        var result = await RunAsync("docker-compose", ["-f", Path.Combine(RepoRoot, "docker-compose.yml"), "config"], empty, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, result.Output);
        var services = Map(new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(result.StandardOutput)["services"]);
        foreach (var (_, gateway) in ServicesBuiltFrom(services, "Gateway/Dockerfile"))
        {
            // Blank, which the gateway reads as no key at all: keys off (ClientKeyModeTests starts one so).
            var env = Environment(gateway);
            Assert.Equal("", env["ClientAuth__Keys__0__KeyId"]);
            Assert.Equal("", env["ClientAuth__Keys__0__SecretSha256"]);
        }
    }

    [Fact]
    public async Task Compose_file_without_alpaca_keys_in_the_environment_passes_them_on_empty()
    {
        var services = await ResolvedComposeServicesAsync(new Dictionary<string, string>());
        foreach (var (_, service) in ServicesBuiltFrom(services, "Silo/Dockerfile").Concat(ServicesBuiltFrom(services, "Gateway/Dockerfile")))
        {
            var env = Environment(service);
            // An empty value means "not set" to the service (AlpacaEnvironment skips blank values): the simulated feed.
            foreach (var variable in AlpacaVariables) Assert.Equal("", env[variable]);
        }
    }

    [Fact]
    public async Task Compose_file_without_a_postgres_password_uses_one_local_default_for_the_database_and_the_silos()
    {
        var services = await ResolvedComposeServicesAsync(new Dictionary<string, string>());
        var password = Environment(Map(services["postgres"]))["POSTGRES_PASSWORD"];
        Assert.False(string.IsNullOrEmpty(password));
        foreach (var (_, silo) in ServicesBuiltFrom(services, "Silo/Dockerfile"))
            Assert.EndsWith($"Password={password}", Environment(silo)["BarStore__Postgres__ConnectionString"]);
    }

    [Theory]
    [InlineData("Silo/Dockerfile", "runtime", "OrleansMarketData.Silo.dll")]
    [InlineData("Gateway/Dockerfile", "aspnet", "OrleansMarketData.Gateway.dll")]
    public void Dockerfile_builds_with_the_sdk_and_runs_as_an_unprivileged_user(string dockerfile, string runtimeImage, string dll)
    {
        var lines = File.ReadAllLines(Path.Combine(RepoRoot, dockerfile))
            .Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
        var froms = lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("FROM ", StringComparison.Ordinal)).ToList();
        Assert.Contains(froms, f => f.l.StartsWith("FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build", StringComparison.Ordinal));
        var final = froms[^1];
        Assert.Equal($"FROM mcr.microsoft.com/dotnet/{runtimeImage}:10.0", final.l);
        var finalStage = lines.Skip(final.i).ToList();
        Assert.Contains("COPY --from=build /app .", finalStage);
        var user = Assert.Single(finalStage, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain(user[5..].Trim(), new[] { "root", "0", "0:0" });
        Assert.Contains($"ENTRYPOINT [\"dotnet\", \"{dll}\"]", finalStage);
        Assert.Contains("COPY Directory.Build.props Directory.Packages.props ./", lines);
        // Every path the build copies from the context must exist in the repository.
        foreach (var copy in lines.Where(l => l.StartsWith("COPY ", StringComparison.Ordinal) && !l.Contains("--from=")))
        {
            var parts = copy.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            foreach (var source in parts[1..^1])
                Assert.True(Path.Exists(Path.Combine(RepoRoot, source)), $"{dockerfile}: {source} does not exist");
        }
    }

    [Fact]
    public void Gateway_image_build_has_node_for_the_chart_page()
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot, "Gateway", "Dockerfile"));
        Assert.Matches(new Regex(@"^FROM node:20\S* AS node$", RegexOptions.Multiline), text);
        Assert.Contains("COPY --from=node /usr/local/bin/node /usr/local/bin/node", text);
        Assert.Contains("npm-cli.js /usr/local/bin/npm", text);
    }

    [Fact]
    public void Dockerignore_keeps_build_outputs_and_local_state_out_of_the_context()
    {
        var entries = File.ReadAllLines(Path.Combine(RepoRoot, ".dockerignore")).Select(l => l.Trim()).ToHashSet();
        foreach (var entry in new[] { "**/bin/", "**/obj/", "**/node_modules/", "Gateway/wwwroot/", "deploy/.run/", "environment.env" })
            Assert.Contains(entry, entries);
    }

    /// <summary>
    /// The compose configuration names its upstreams gateway1 and gateway2, which resolve only inside Docker's
    /// network and nginx resolves them while loading. The test points them at 127.0.0.1 and keeps everything else
    /// as it is, including the shared proxy.conf that deploy/local-cluster.sh includes too.
    /// </summary>
    [Fact]
    public async Task Compose_nginx_configuration_passes_nginx_test()
    {
        using var dir = new TempDir();
        var conf = LocalNginxConf(dir.Path, lbPort: 8000, upstreamPorts: [8080, 8081]);
        var result = await RunAsync(Nginx, ["-t", "-c", conf, "-p", dir.Path, "-e", Path.Combine(dir.Path, "error.log"),
            "-g", $"pid {Path.Combine(dir.Path, "nginx.pid")};"], new Dictionary<string, string?>(), TimeSpan.FromSeconds(30));
        Assert.True(result.ExitCode == 0, $"nginx -t failed:\n{result.Output}");
        Assert.Contains("test is successful", result.Output);
    }

    /// <summary>Query strings may carry <c>?apiKey=KEYID:SECRET</c>: neither load balancer logs them.</summary>
    [Fact]
    public void Both_nginx_configurations_log_requests_without_their_query_strings()
    {
        var compose = File.ReadAllText(Path.Combine(RepoRoot, "deploy", "nginx", "nginx.conf"));
        var local = File.ReadAllText(Path.Combine(RepoRoot, "deploy", "local-cluster.sh")).Replace("\\$", "$");
        foreach (var conf in new[] { compose, local })
        {
            var format = Regex.Match(conf, @"log_format (\w+)([^;]*);");
            Assert.True(format.Success, "no log_format");
            foreach (var variable in new[] { "$request ", "$request\"", "$request_uri", "$args", "$query_string", "$http_referer", "$arg_" })
                Assert.DoesNotContain(variable, format.Groups[2].Value);
            var accessLogs = Regex.Matches(conf, @"access_log ([^;]*);").Select(m => m.Groups[1].Value.Split(' ')).ToList();
            Assert.NotEmpty(accessLogs);
            Assert.All(accessLogs, a => Assert.Equal(format.Groups[1].Value, a[1]));
        }
    }

    [Fact]
    public void Proxy_configuration_passes_websocket_upgrades_and_fails_over()
    {
        var proxy = File.ReadAllText(Path.Combine(RepoRoot, "deploy", "nginx", "proxy.conf"));
        Assert.Contains("proxy_set_header Upgrade $http_upgrade;", proxy);
        Assert.Contains("proxy_set_header Connection $connection_upgrade;", proxy);
        Assert.Contains("proxy_http_version 1.1;", proxy);
        Assert.Matches(@"proxy_next_upstream [^;]*\berror\b[^;]*\btimeout\b", proxy);
        foreach (var path in new[] { "/ws/", "/v2/" })
        {
            var block = Regex.Match(proxy, $@"location {Regex.Escape(path)} \{{([^}}]*)\}}");
            Assert.True(block.Success, $"no location {path}");
            Assert.Contains("proxy_read_timeout 3600s;", block.Groups[1].Value);
            Assert.Contains("proxy_pass http://gateways;", block.Groups[1].Value);
        }
        var nginx = File.ReadAllText(Path.Combine(RepoRoot, "deploy", "nginx", "nginx.conf"));
        Assert.Matches(@"map \$http_upgrade \$connection_upgrade \{\s*default upgrade;", nginx);
        Assert.Contains("listen 8000;", nginx);
        Assert.Contains("include proxy.conf;", nginx);
    }

    /// <summary>
    /// nginx with the compose configuration in front of a stopped upstream and a real gateway: every request and
    /// the WebSocket reach the live gateway (passive failover), including a history answer of several megabytes.
    /// </summary>
    [Fact]
    public async Task Nginx_with_the_compose_configuration_serves_the_api_and_websockets_and_skips_a_dead_gateway()
    {
        using var gateway = new GatewayProcess(new Dictionary<string, string> { ["MarketData__Simulator__Speed"] = "60" });
        using var direct = new HttpClient { BaseAddress = gateway.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await gateway.WaitUntilAnswersAsync("/api/health");

        using var dir = new TempDir();
        var lbPort = GatewayFactory.FreePort();
        var deadPort = GatewayFactory.FreePort();
        var conf = LocalNginxConf(dir.Path, lbPort, [deadPort, gateway.Port]);
        using var nginx = Process.Start(new ProcessStartInfo(Nginx)
        {
            ArgumentList = { "-c", conf, "-p", dir.Path, "-e", Path.Combine(dir.Path, "error.log"),
                "-g", $"daemon off; pid {Path.Combine(dir.Path, "nginx.pid")};" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        // Its access log goes to stdout: keep reading so that nginx never blocks on a full pipe.
        var accessLog = new System.Collections.Concurrent.ConcurrentQueue<string>();
        nginx.OutputDataReceived += (_, e) => { if (e.Data is not null) accessLog.Enqueue(e.Data); };
        nginx.ErrorDataReceived += (_, _) => { };
        nginx.BeginOutputReadLine();
        nginx.BeginErrorReadLine();
        try
        {
            using var viaLb = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{lbPort}"), Timeout = TimeSpan.FromSeconds(60) };
            await Eventually.ValueAsync(async () =>
            {
                Assert.False(nginx.HasExited, "nginx exited");
                try
                {
                    return (await viaLb.GetAsync("/api/health")).StatusCode;
                }
                catch (HttpRequestException)
                {
                    return (HttpStatusCode)0;
                }
            }, status => status == HttpStatusCode.OK, status => $"/api/health answering 200 through nginx (last: {(int)status})");

            for (var i = 0; i < 6; i++)
                Assert.Equal(HttpStatusCode.OK, (await viaLb.GetAsync("/api/health")).StatusCode);

            const string history = "/api/symbols/AAPL/historical?timeframe=1Min&limit=10000";
            var expected = JsonDocument.Parse(await direct.GetStringAsync(history)).RootElement.GetProperty("data").GetArrayLength();
            var response = await viaLb.GetAsync(history);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(body.Length > 1_000_000, $"history answer of {body.Length} characters");
            Assert.Equal(expected, JsonDocument.Parse(body).RootElement.GetProperty("data").GetArrayLength());

            Assert.Equal(HttpStatusCode.NotFound, (await viaLb.GetAsync("/api/symbols/ZZZZ/latest")).StatusCode);

            // Browsers and SDKs may put a key pair in the query string: the access log keeps the path only.
            const string querySecret = "secret-in-the-query-3f8a";
            await viaLb.GetAsync($"/api/symbols/MSFT/latest?apiKey=PKQUERY:{querySecret}");
            await Eventually.UntilAsync(() => accessLog.Any(l => l.Contains("/api/symbols/MSFT/latest")), "the request in nginx's access log");
            Assert.DoesNotContain(accessLog, l => l.Contains(querySecret) || l.Contains("apiKey"));

            await using var socket = await SocketClient.ConnectAsync(new Uri($"ws://127.0.0.1:{lbPort}/ws/candles/AAPL?timeframe=5Min&limit=3"));
            var first = await socket.ReceiveAsync(TimeSpan.FromSeconds(15));
            Assert.NotNull(first);
            Assert.Equal("historical", first.Value.GetProperty("type").GetString());
            Assert.Equal(3, first.Value.GetProperty("data").GetArrayLength());
            await socket.SendTextAsync("{\"action\":\"ping\"}");
            JsonElement? pong = null;
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(15))
            {
                var message = await socket.ReceiveAsync(TimeSpan.FromSeconds(15));
                Assert.NotNull(message);
                if (message.Value.GetProperty("type").GetString() == "pong") { pong = message; break; }
            }
            Assert.NotNull(pong);
        }
        finally
        {
            if (!nginx.HasExited) nginx.Kill(entireProcessTree: true);
            await nginx.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }
    }

    // ---- helpers ----

    /// <summary>Debian installs nginx in /usr/sbin, which a non-root PATH may lack.</summary>
    private static readonly string Nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx";

    private static string RepoRoot => Repository.Root;

    /// <summary>deploy/nginx/nginx.conf with its upstreams on 127.0.0.1 and its listener on 127.0.0.1:lbPort.</summary>
    private static string LocalNginxConf(string dir, int lbPort, int[] upstreamPorts)
    {
        var text = File.ReadAllText(Path.Combine(RepoRoot, "deploy", "nginx", "nginx.conf"));
        var upstreams = UpstreamServers(text);
        Assert.Equal(upstreamPorts.Length, upstreams.Count);
        for (var i = 0; i < upstreams.Count; i++)
            text = text.Replace($"server {upstreams[i]} ", $"server 127.0.0.1:{upstreamPorts[i]} ");
        Assert.Contains("listen 8000;", text);
        text = text.Replace("listen 8000;", $"listen 127.0.0.1:{lbPort};");
        File.Copy(Path.Combine(RepoRoot, "deploy", "nginx", "proxy.conf"), Path.Combine(dir, "proxy.conf"));
        var path = Path.Combine(dir, "nginx.conf");
        File.WriteAllText(path, text);
        return path;
    }

    private static List<string> UpstreamServers(string nginxConf)
    {
        var upstream = Regex.Match(nginxConf, @"upstream gateways \{([^}]*)\}");
        Assert.True(upstream.Success, "no upstream gateways block");
        return Regex.Matches(upstream.Groups[1].Value, @"^\s*server (\S+) ", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
    }

    /// <summary>The whole document of the last <see cref="ResolvedComposeServicesAsync"/> of this test.</summary>
    private Dictionary<object, object> ResolvedComposeRoot { get; set; } = [];

    private async Task<Dictionary<object, object>> ResolvedComposeServicesAsync(Dictionary<string, string> environment)
    {
        var env = new Dictionary<string, string?>();
        // The test decides what the host environment holds: nothing of this machine's own settings leaks in.
        foreach (var variable in AlpacaVariables) env[variable] = null;
        env["MarketData__Simulator__Speed"] = null;
        env["CLIENT_KEY_ID"] = ComposeKeyId;
        env["CLIENT_SECRET_SHA256"] = ComposeSecretSha256;
        env["CORS_ORIGIN"] = null;
        env["POSTGRES_PASSWORD"] = null;
        foreach (var (key, value) in environment) env[key] = value;
        var result = await RunAsync("docker-compose", ["-f", Path.Combine(RepoRoot, "docker-compose.yml"), "config"], env, TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, $"docker-compose config exited with {result.ExitCode}:\n{result.Output}");
        var document = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(result.StandardOutput);
        ResolvedComposeRoot = document;
        return Map(document["services"]);
    }

    private static List<(string Name, Dictionary<object, object> Service)> ServicesBuiltFrom(Dictionary<object, object> services, string dockerfile) =>
        services
            .Select(s => (Name: Str(s.Key), Service: Map(s.Value)))
            .Where(s => s.Service.TryGetValue("build", out var build)
                && Map(build).TryGetValue("dockerfile", out var file) && Str(file) == dockerfile
                && Str(Map(build)["context"]) == RepoRoot)
            .ToList();

    private static Dictionary<string, string> Environment(Dictionary<object, object> service)
    {
        var result = new Dictionary<string, string>();
        switch (service.GetValueOrDefault("environment"))
        {
            case Dictionary<object, object> map:
                foreach (var (key, value) in map) result[Str(key)] = value is null ? "" : Str(value);
                break;
            case List<object> list:
                foreach (var item in list.Select(Str))
                {
                    var eq = item.IndexOf('=');
                    if (eq > 0) result[item[..eq]] = item[(eq + 1)..];
                }
                break;
        }
        return result;
    }

    private static string HealthcheckTest(Dictionary<object, object> service)
    {
        Assert.True(service.ContainsKey("healthcheck"), "no healthcheck");
        var test = Map(service["healthcheck"])["test"];
        return test is List<object> list ? string.Join(' ', list.Select(Str)) : Str(test);
    }

    private static Dictionary<object, object> Map(object? value) =>
        Assert.IsType<Dictionary<object, object>>(value);

    private static List<object> List(object? value) => Assert.IsType<List<object>>(value);

    private static string Str(object? value) => Assert.IsType<string>(value);

    private static Task<Command.Result> RunAsync(
        string file, string[] arguments, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout) =>
        Command.RunAsync(file, arguments, environment, timeout, RepoRoot);

    private sealed class TempDir : IDisposable
    {
        // nginx's workers run as an unprivileged user when the tests run as root: they must be able to enter it.
        public string Path { get; } = Directory.CreateTempSubdirectory("market-data-deploy-").FullName;

        public TempDir()
        {
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(Path,
            UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        }

        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
