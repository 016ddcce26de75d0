using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// A theory that holds at any market time: it runs once at each of <see cref="MarketTime.Instants"/>, given as its
/// first parameter (a <see cref="DateTimeOffset"/>) before <paramref name="data"/>, and carries the trait
/// <c>MarketTime=any</c> so that a run can select it. Several on one theory give each its rows at every instant.
/// </summary>
[TraitDiscoverer("OrleansMarketData.Gateway.Tests.Infrastructure.AnyMarketTimeTraitDiscoverer", "OrleansMarketData.Gateway.Tests")]
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class AnyMarketTimeAttribute(params object[] data) : DataAttribute, ITraitAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => MarketTime.Instants.Select(t => (object[])[t, .. data]);
}

public sealed class AnyMarketTimeTraitDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) =>
        [new(MarketTime.Trait, MarketTime.Any)];
}
