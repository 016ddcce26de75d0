using OrleansMarketData.Model;

namespace OrleansMarketData.Sources.Alpaca;

public sealed partial class AlpacaLiveFeed
{
    /// <summary>Publishes, in order, the minute bars each symbol missed since the last one received.</summary>
    private async Task BackfillAsync(IReadOnlyCollection<string> symbols, CancellationToken cancellationToken)
    {
        var known = symbols.Where(_lastBar.ContainsKey).ToArray();
        if (known.Length == 0) return;
        var from = known.Min(s => _lastBar[s]).AddMinutes(1);
        var to = _time.GetUtcNow();
        if (from > to.AddMinutes(-1)) return; // no minute has ended since the last bar
        try
        {
            var missed = await _rest.GetBarsAsync(known, "1Min", from, to, cancellationToken);
            var count = 0;
            foreach (var (symbol, bars) in missed)
            {
                foreach (var bar in bars.Where(b => b.Time > _lastBar[symbol]).OrderBy(b => b.Time))
                {
                    _bars.Writer.TryWrite(new SymbolBar(symbol, bar));
                    _lastBar[symbol] = bar.Time;
                    count++;
                }
            }
            LogBackfilled(_logger, count, known.Length, from);
        }
        catch (AlpacaRequestException ex)
        {
            LogBackfillFailed(_logger, ex.Message);
        }
    }
}
