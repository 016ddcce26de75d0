using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>
/// A theory that holds at any market time: it runs once at each of <see cref="MarketTime.Instants"/>, given as its
/// one <see cref="DateTimeOffset"/> parameter, and carries the trait <c>MarketTime=any</c> so that a run can select it.
/// </summary>
[TraitDiscoverer("OrleansMarketData.Gateway.Tests.Infrastructure.AnyMarketTimeTraitDiscoverer", "OrleansMarketData.Gateway.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class AnyMarketTimeAttribute : DataAttribute, ITraitAttribute
{
    public override IEnumerable<object[]> GetData(MethodInfo testMethod) => MarketTime.Instants.Select(t => new object[] { t });
}

public sealed class AnyMarketTimeTraitDiscoverer : ITraitDiscoverer
{
    public IEnumerable<KeyValuePair<string, string>> GetTraits(IAttributeInfo traitAttribute) =>
        [new(MarketTime.Trait, MarketTime.Any)];
}
