using OrleansMarketData.Hosting;

namespace OrleansMarketData.Gateway.AlpacaApi.Stream;

/// <summary>
/// What a stream client's <c>"*"</c> stands for, as the cluster answers it: the symbols its feed lists (the
/// simulator's tickers, asked once and kept), or, where any symbol may exist (Alpaca), those the feed streams now.
/// </summary>
public sealed class WildcardSymbols(IClusterClient client, FeedName feed)
{
    private Task<IReadOnlyList<string>>? _listed;

    public async Task<IReadOnlyList<string>> GetAsync()
    {
        var grain = client.GetGrain<IMarketFeedGrain>(feed.Name);
        var asking = _listed ??= grain.GetListedSymbols().AsTask();
        IReadOnlyList<string> listed;
        try
        {
            listed = await asking;
        }
        catch
        {
            // Not kept: the next subscribe asks again.
            _ = Interlocked.CompareExchange(ref _listed, null, asking);
            throw;
        }
        return listed.Count > 0 ? listed : (await grain.GetStatus()).Symbols;
    }
}
