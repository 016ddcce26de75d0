using Microsoft.Extensions.Logging;

namespace OrleansMarketData.Sources.Alpaca;

/// <summary>Counts unreadable upstream messages by kind and logs the first of each kind with a sample.</summary>
public sealed partial class MalformedCounter(ILogger logger)
{
    private readonly Dictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public void Add(StreamMessage.Malformed malformed)
    {
        Interlocked.Increment(ref _total);
        lock (_byKind)
        {
            var count = _byKind.GetValueOrDefault(malformed.Kind) + 1;
            _byKind[malformed.Kind] = count;
            if (count == 1) LogFirst(logger, malformed.Kind, malformed.Sample);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped an unreadable upstream message ({Kind}); further ones of this kind are only counted. Sample: {Sample}")]
    private static partial void LogFirst(ILogger logger, string kind, string sample);
}
