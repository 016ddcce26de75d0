using System.Collections;
using System.Reflection;
using OrleansMarketData.Hosting;
using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Gateway.Tests.Kubernetes;

/// <summary>
/// Whether an environment variable is a setting the gateway or silo reads: <c>A__B__0__C</c> must name a property
/// path of the options class whose <c>Section</c> is a prefix of it (every options class of the service has one), or
/// be one of the variables read by name (the Alpaca keys, ASP.NET Core's <c>Urls</c>, Orleans' Kubernetes hosting's).
/// </summary>
public static class ServiceSettings
{
    private static readonly Dictionary<string, Type> Sections = typeof(Program).Assembly.GetTypes()
        .Concat(typeof(MarketDataClusterOptions).Assembly.GetTypes())
        .Concat(typeof(AlpacaOptions).Assembly.GetTypes())
        .Select(t => (Type: t, Field: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)))
        .Where(x => x.Field is { IsLiteral: true } && x.Field.FieldType == typeof(string) && x.Type.GetConstructor(Type.EmptyTypes) is not null)
        .ToDictionary(x => (string)x.Field!.GetRawConstantValue()!, x => x.Type, StringComparer.OrdinalIgnoreCase);

    public static bool IsRead(string variable, IEnumerable<string> readByName)
    {
        if (readByName.Contains(variable, StringComparer.Ordinal) || AlpacaEnvironment.Variables.Contains(variable)) return true;
        var path = variable.Split("__");
        for (var length = path.Length - 1; length >= 1; length--)
        {
            if (Sections.TryGetValue(string.Join(':', path[..length]), out var type)) return Resolves(type, path[length..]);
        }
        return false;
    }

    private static bool Resolves(Type type, string[] path)
    {
        foreach (var segment in path)
        {
            if (int.TryParse(segment, out _) && ElementType(type) is { } element)
            {
                type = element;
                continue;
            }
            var property = type.GetProperty(segment, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null) return false;
            type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        }
        return true;
    }

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) && type.IsGenericType ? type.GetGenericArguments()[^1]
        : null;
}
