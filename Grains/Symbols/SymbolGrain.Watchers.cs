using OrleansMarketData.Aggregation;
using OrleansMarketData.Delivery;
using OrleansMarketData.Model;

namespace OrleansMarketData.Symbols;

/// <summary>The gateways watching the symbol, and what is sent to them.</summary>
public sealed partial class SymbolGrain
{
    public ValueTask<long> Watch(ICandleObserver observer, long seen)
    {
        // Versions stay above what the gateway had, whatever this silo's clock says: the next one (or this
        // activation's epoch, if its 1-minute history is still to load) is above the floor.
        _version = Math.Max(_version, seen);
        // An unknown symbol has nothing to send: its readers get the error, not a registration.
        if (_state is not HistoryState.Unknown) _watchers.Renew(observer);
        // A watched symbol sends batches, which start from its 1-minute history: a grain activated anew after its
        // silo died loads it here, at the gateway's check-in, and the gateway, seeing the new epoch, catches its
        // sockets up through GetHistory, which loads their timeframes (docs/architecture.md).
        StartLoading(Timeframe.Minute1);
        return ValueTask.FromResult(_version);
    }

    public ValueTask Unwatch(ICandleObserver observer)
    {
        _watchers.Remove(observer);
        return ValueTask.CompletedTask;
    }

    private void Send(SymbolHistory history, LiveChanges changes)
    {
        if (changes.IsEmpty) return;
        var previous = _version;
        _version = versions.Next(_version);
        // The version moves on with nobody watching too: a gateway that watches later starts from a snapshot.
        if (_watchers.Current is { Length: > 0 } watchers)
            fanOut.Send(watchers, new CandleBatch(_symbol, _version, history.NewestCandles(changes), _epoch, previous, MovingAverages));
    }
}
