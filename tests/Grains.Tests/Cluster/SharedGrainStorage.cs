using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;
using Orleans.Storage;

namespace OrleansMarketData.Tests.Cluster;

/// <summary>
/// The feed grain's storage in the cluster tests: in memory, one for both silos as a cluster's store is, with versions
/// checked as real storage checks them (a stale write fails with <see cref="InconsistentStateException"/>). A test can
/// hold writes, as a slow store would, and count them.
/// </summary>
public sealed class SharedGrainStorage : IGrainStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(string State, GrainId Grain), (object Value, string ETag)> _records = [];
    private DeepCopier? _copier;
    private TaskCompletionSource? _gate;
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _writes;

    /// <summary>Writes started so far.</summary>
    public int Writes => Volatile.Read(ref _writes);

    /// <summary>Completes when a write is being held.</summary>
    public Task WriteHeld => _held.Task;

    /// <summary>This storage for a silo, copying states with its serializer.</summary>
    public IGrainStorage For(IServiceProvider services)
    {
        _copier ??= services.GetRequiredService<DeepCopier>();
        return this;
    }

    /// <summary>From now on every write waits until <see cref="ReleaseWrites"/>.</summary>
    public void HoldWrites()
    {
        _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    public void ReleaseWrites()
    {
        var gate = _gate;
        _gate = null;
        gate?.TrySetResult();
    }

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_lock)
        {
            if (!_records.TryGetValue((stateName, grainId), out var record)) return Task.CompletedTask;
            grainState.State = Copier.Copy((T)record.Value);
            grainState.ETag = record.ETag;
            grainState.RecordExists = true;
        }
        return Task.CompletedTask;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        Interlocked.Increment(ref _writes);
        if (_gate is { } gate)
        {
            _held.TrySetResult();
            await gate.Task;
        }
        lock (_lock)
        {
            var key = (stateName, grainId);
            var stored = _records.TryGetValue(key, out var record) ? record.ETag : null;
            if (stored != grainState.ETag)
                throw new InconsistentStateException($"Version conflict writing {stateName} of {grainId}: stored {stored}, written {grainState.ETag}");
            var etag = Guid.NewGuid().ToString("N");
            _records[key] = (Copier.Copy(grainState.State)!, etag);
            grainState.ETag = etag;
            grainState.RecordExists = true;
        }
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        lock (_lock) _records.Remove((stateName, grainId));
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private DeepCopier Copier => _copier ?? throw new InvalidOperationException("No silo has asked for this storage yet.");
}
