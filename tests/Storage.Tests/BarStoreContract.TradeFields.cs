using static OrleansMarketData.Storage.Tests.Infrastructure.Rows;

namespace OrleansMarketData.Storage.Tests;

/// <summary>The contract's part on a bar's trade count and VWAP: stored, read back and replaced with the bar.</summary>
public abstract partial class BarStoreContract
{
    [Fact]
    public async Task Trade_count_and_vwap_of_a_bar_come_back_on_every_read_and_stay_absent_where_it_had_none()
    {
        // The feed's minute (numbered), a history page's minute, a minute of a source without trades, a longer bar.
        var feed = new StoredBar("AAPL", Timeframe.Minute1, new Bar(Minute(0), 100, 101, 99, 100.5, 12_345, 461, 100.062639), 1);
        var page = new StoredBar("AAPL", Timeframe.Minute1, new Bar(Minute(1), 100.5, 102, 100, 101.25, 800, 17, 101.1234));
        var plain = new StoredBar("AAPL", Timeframe.Minute1, new Bar(Minute(2), 101.25, 101.5, 101, 101.5, 300));
        var hour = new StoredBar("AAPL", Timeframe.Hour1, new Bar(Minute(0), 100, 102, 99, 101.5, 13_445, 478, 100.1502));
        await Store.WriteAsync(new BarBatch([feed, page, plain, hour]), None);

        Assert.Equal([feed, page, plain], await Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(2), 10, false, None));
        Assert.Equal([plain, page, feed], await Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(2), 10, true, None));
        Assert.Equal([feed, page, plain], await Store.ReadLatestAsync("AAPL", Timeframe.Minute1, Minute(3), 10, None));
        Assert.Equal([feed], await Store.ReadAfterSequenceAsync("AAPL", 0, 10, None));
        Assert.Equal([hour], await Store.ReadLatestAsync("AAPL", Timeframe.Hour1, Minute(60), 10, None));

        // A correction replaces them: new values, or none.
        var corrected = feed with { Bar = feed.Bar with { Volume = 12_400, TradeCount = 463, Vwap = 100.0625 }, Sequence = 2 };
        var withoutThem = page with { Bar = page.Bar with { TradeCount = null, Vwap = null } };
        await Store.WriteAsync(new BarBatch([corrected, withoutThem]), None);
        Assert.Equal([corrected, withoutThem, plain], await Store.ReadRangeAsync("AAPL", Timeframe.Minute1, Minute(0), Minute(2), 10, false, None));
    }
}
