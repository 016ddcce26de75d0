using Orleans.Providers;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// Fails the next publishes to chosen streams, as when the memory-stream queue grain of a stream does not answer
/// in time: the call is refused where the queue grain receives it, so nothing is enqueued. Or loses them: the call
/// answers as if enqueued and nothing is, as when the queue's silo dies after taking a message.
/// </summary>
public sealed class FailingPublishes : IIncomingGrainCallFilter
{
    private readonly Dictionary<StreamId, int> _failuresLeft = [];
    private readonly Dictionary<StreamId, int> _lossesLeft = [];

    /// <summary>How many publishes were lost so far.</summary>
    public int Lost { get; private set; }

    public void LoseNext(StreamId stream, int count)
    {
        lock (_failuresLeft) _lossesLeft[stream] = count;
    }

    /// <summary>How many publishes were refused so far.</summary>
    public int Refused { get; private set; }

    public void FailNext(StreamId stream, int count)
    {
        lock (_failuresLeft) _failuresLeft[stream] = count;
    }

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        if (context.Grain is IMemoryStreamQueueGrain
            && context.Request.GetArgumentCount() > 0
            && context.Request.GetArgument(0) is MemoryMessageData data
            && TakeFailure(data.StreamId))
        {
            throw new TimeoutException($"publish to {data.StreamId} refused by the test");
        }
        if (context.Grain is IMemoryStreamQueueGrain
            && context.Request.GetArgumentCount() > 0
            && context.Request.GetArgument(0) is MemoryMessageData lost
            && TakeLoss(lost.StreamId))
        {
            context.Response = Orleans.Serialization.Invocation.Response.Completed;
            return;
        }
        await context.Invoke();
    }

    private bool TakeLoss(StreamId stream)
    {
        lock (_failuresLeft)
        {
            if (!_lossesLeft.TryGetValue(stream, out var left) || left == 0) return false;
            _lossesLeft[stream] = left - 1;
            Lost++;
            return true;
        }
    }

    private bool TakeFailure(StreamId stream)
    {
        lock (_failuresLeft)
        {
            if (!_failuresLeft.TryGetValue(stream, out var left) || left == 0) return false;
            _failuresLeft[stream] = left - 1;
            Refused++;
            return true;
        }
    }
}
