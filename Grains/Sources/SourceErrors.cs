using OrleansMarketData.Sources.Alpaca;

namespace OrleansMarketData.Sources;

/// <summary>
/// What a client is told when the source failed. An Alpaca request's own message is composed without keys or
/// upstream addresses (see <see cref="AlpacaRequestException"/>); any other exception, an Orleans timeout above all,
/// names silo addresses, grain interfaces or types, so the client gets only its kind. The logs keep the whole.
/// </summary>
public static class SourceErrors
{
    public static string Describe(Exception exception) => exception switch
    {
        AlpacaRequestException alpaca => alpaca.Message,
        TimeoutException or OperationCanceledException => "the source did not answer in time",
        _ => "the source failed",
    };
}
