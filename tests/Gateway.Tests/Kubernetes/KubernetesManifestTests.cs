using Orleans.Hosting.Kubernetes;
using OrleansMarketData.Gateway.Tests.Infrastructure;
using OrleansMarketData.Hosting;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace OrleansMarketData.Gateway.Tests.Kubernetes;

/// <summary>
/// deploy/kubernetes against the code: every variable the silo and gateway Deployments set is a setting the service
/// reads, probes point at the health routes on the port that serves them, secrets they reference exist, and the
/// pieces docs/kubernetes.md describes are there.
/// </summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(Repository.Root, "deploy", "kubernetes");
    private static readonly string[] PodVariables =
        [KubernetesHostingOptions.PodNameEnvironmentVariable, KubernetesHostingOptions.PodNamespaceEnvironmentVariable, KubernetesHostingOptions.PodIPEnvironmentVariable];

    private static readonly List<Dictionary<object, object>> Documents = Directory.GetFiles(Folder, "*.yaml")
        .Where(f => Path.GetFileName(f) != "kustomization.yaml").SelectMany(ReadAll).ToList();

    [Fact]
    public void Kustomization_lists_every_manifest()
    {
        var kustomization = Map(new DeserializerBuilder().Build().Deserialize<object>(File.ReadAllText(Path.Combine(Folder, "kustomization.yaml")))!);
        var resources = List(kustomization["resources"]).Select(Str).Order();
        Assert.Equal(Directory.GetFiles(Folder, "*.yaml").Select(Path.GetFileName).Where(f => f != "kustomization.yaml").Order(), resources);
    }

    [Theory]
    [InlineData("silo")]
    [InlineData("gateway")]
    public void Deployment_sets_only_settings_the_service_reads_and_probes_its_health_routes(string name)
    {
        var pod = Map(Map(Map(Kind("Deployment", name)["spec"])["template"])["spec"]);
        var container = Map(Assert.Single(List(pod["containers"])));
        var env = List(container["env"]).Select(Map).ToDictionary(e => Str(e["name"]), e => e);
        var readByName = name == "gateway" ? ["Urls"] : PodVariables;
        foreach (var variable in env.Keys) Assert.True(ServiceSettings.IsRead(variable, readByName), $"{name} sets {variable}, which the service does not read");

        var ports = List(container["ports"]).Select(Map).ToDictionary(p => Str(p["name"]), p => int.Parse(Str(p["containerPort"])));
        var healthPort = name == "gateway"
            ? new Uri(Value(env["Urls"]).Replace("0.0.0.0", "localhost")).Port
            : int.Parse(Value(env["Telemetry__MetricsPort"]));
        foreach (var (probe, path) in new[] { ("startupProbe", HealthTags.LivePath), ("livenessProbe", HealthTags.LivePath), ("readinessProbe", HealthTags.ReadyPath) })
        {
            var get = Map(Map(container[probe])["httpGet"]);
            Assert.Equal(path, Str(get["path"]));
            Assert.Equal(healthPort, ports[Str(get["port"])]);
        }
        var resources = Map(container["resources"]);
        Assert.True(Map(resources["requests"]).ContainsKey("cpu") && Map(resources["requests"]).ContainsKey("memory"), $"{name} requests no cpu or memory");

        foreach (var reference in env.Values.Where(e => e.ContainsKey("valueFrom")).Select(e => Map(e["valueFrom"])).Where(v => v.ContainsKey("secretKeyRef")).Select(v => Map(v["secretKeyRef"])))
        {
            var secret = Map(Kind("Secret", Str(reference["name"]))["stringData"]);
            Assert.True(secret.ContainsKey(Str(reference["key"])), $"{name} reads key {reference["key"]} the Secret does not have");
        }
    }

    [Fact]
    public void Silos_use_kubernetes_hosting_advertise_their_pod_ip_and_keep_one_up_through_disruptions()
    {
        var template = Map(Map(Kind("Deployment", "silo")["spec"])["template"]);
        var labels = Map(Map(template["metadata"])["labels"]);
        var container = Map(List(Map(template["spec"])["containers"])[0]);
        var env = List(container["env"]).Select(Map).ToDictionary(e => Str(e["name"]), e => e);
        Assert.Equal("true", Value(env["Cluster__Kubernetes"]));
        Assert.Equal("Redis", Value(env["Cluster__Mode"]));
        Assert.Equal("status.podIP", FieldPath(env["Cluster__AdvertisedAddress"]));
        Assert.Equal("status.podIP", FieldPath(env[KubernetesHostingOptions.PodIPEnvironmentVariable]));
        Assert.Equal("metadata.name", FieldPath(env[KubernetesHostingOptions.PodNameEnvironmentVariable]));
        Assert.Equal(Value(env["Cluster__ServiceId"]), Str(labels[KubernetesHostingOptions.ServiceIdLabel]));
        Assert.Equal(Value(env["Cluster__ClusterId"]), Str(labels[KubernetesHostingOptions.ClusterIdLabel]));
        var ports = List(container["ports"]).Select(Map).Select(p => Str(p["containerPort"])).ToList();
        Assert.Contains(Value(env["Cluster__SiloPort"]), ports);
        Assert.Contains(Value(env["Cluster__GatewayPort"]), ports);

        var budget = Map(Kind("PodDisruptionBudget", "silo")["spec"]);
        Assert.Equal(Str(labels["app.kubernetes.io/name"]), Str(Map(Map(budget["selector"])["matchLabels"])["app.kubernetes.io/name"]));
        Assert.Equal("1", Str(budget["minAvailable"]));
        var role = Kind("Role", "silo");
        Assert.Contains("delete", List(Map(List(role["rules"])[0])["verbs"]).Select(Str));

        var service = Map(Kind("Service", "gateway")["spec"]);
        Assert.Equal("http", Str(Map(List(service["ports"])[0])["targetPort"]));
    }

    private static IEnumerable<Dictionary<object, object>> ReadAll(string file)
    {
        var parser = new Parser(new StringReader(File.ReadAllText(file)));
        var deserializer = new DeserializerBuilder().Build();
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (deserializer.Deserialize<object>(parser) is Dictionary<object, object> document) yield return document;
        }
    }

    private static Dictionary<object, object> Kind(string kind, string name) =>
        Assert.Single(Documents, d => Str(d["kind"]) == kind && Str(Map(d["metadata"])["name"]) == name);

    private static string Value(Dictionary<object, object> variable) => Str(variable["value"]);

    private static string FieldPath(Dictionary<object, object> variable) => Str(Map(Map(variable["valueFrom"])["fieldRef"])["fieldPath"]);

    private static Dictionary<object, object> Map(object value) => (Dictionary<object, object>)value;

    private static List<object> List(object value) => (List<object>)value;

    private static string Str(object value) => (string)value;
}
