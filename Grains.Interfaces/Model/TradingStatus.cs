namespace OrleansMarketData.Model;

/// <summary>
/// A trading status change of a symbol (a halt, a resumption), with Alpaca's fields of its <c>s</c> message
/// (docs/alpaca-compatibility.md): <c>sc</c>/<c>sm</c> the status code and message, <c>rc</c>/<c>rm</c> the reason
/// code and message, <c>t</c> <see cref="Time"/> and <c>z</c> <see cref="Tape"/>.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record TradingStatus(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] string StatusCode,
    [property: Id(2)] string StatusMessage,
    [property: Id(3)] string ReasonCode,
    [property: Id(4)] string ReasonMessage,
    [property: Id(5)] string Tape);
