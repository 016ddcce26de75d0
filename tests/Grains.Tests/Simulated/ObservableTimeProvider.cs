using Microsoft.Extensions.Time.Testing;

namespace OrleansMarketData.Tests.Simulated;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that also tells when a timer is created and when it is due, so a test can wait
/// (with a bound) until a background loop has caught up and is waiting for a future instant, instead of sleeping.
/// </summary>
internal sealed class ObservableTimeProvider(FakeTimeProvider fake) : TimeProvider
{
    private readonly Lock _gate = new();
    private DateTimeOffset _latestDue = DateTimeOffset.MinValue;
    private TaskCompletionSource _created = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeTimeProvider Fake => fake;

    public override DateTimeOffset GetUtcNow() => fake.GetUtcNow();

    public override long GetTimestamp() => fake.GetTimestamp();

    public override long TimestampFrequency => fake.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => fake.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = fake.CreateTimer(callback, state, dueTime, period);
        TaskCompletionSource created;
        lock (_gate)
        {
            _latestDue = fake.GetUtcNow() + dueTime;
            created = _created;
            _created = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        created.TrySetResult();
        return timer;
    }

    /// <summary>Waits until the newest timer is due after the current fake time; fails after 10 seconds.</summary>
    public async Task WaitUntilIdleAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            Task created;
            lock (_gate)
            {
                if (_latestDue > fake.GetUtcNow()) return;
                created = _created.Task;
            }
            try
            {
                await created.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"no timer due after {fake.GetUtcNow():O} was created within 10 s");
            }
        }
    }
}
