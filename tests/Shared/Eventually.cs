using System.Diagnostics;
using Xunit.Sdk;

namespace OrleansMarketData.Testing;

/// <summary>
/// Waits for a condition rather than sleeping for a guessed time: polls it until it holds, and fails naming what
/// never came. The bound is generous, since the tests share two cores with servers, browsers and each other; a
/// condition that does come true costs no more than its own time.
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultBound = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    public static Task UntilAsync(Func<bool> condition, string what, TimeSpan? bound = null) =>
        UntilAsync(() => Task.FromResult(condition()), what, bound);

    public static async Task UntilAsync(Func<Task<bool>> condition, string what, TimeSpan? bound = null) =>
        await ValueAsync(condition, held => held, _ => what, bound);

    /// <summary>Looks until <paramref name="find"/> finds something, and returns it.</summary>
    public static async Task<T> FoundAsync<T>(Func<T?> find, string what, TimeSpan? bound = null) where T : class =>
        (await ValueAsync(() => Task.FromResult(find()), found => found is not null, _ => what, bound))!;

    /// <summary>Reads <paramref name="read"/> until <paramref name="accept"/> takes its value, and returns that value.</summary>
    /// <param name="describe">What was awaited, given the last value read (null when every read threw).</param>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> accept, Func<T?, string> describe, TimeSpan? bound = null)
    {
        var limit = bound ?? DefaultBound;
        var started = Stopwatch.StartNew();
        T? last = default;
        while (true)
        {
            last = await read();
            if (accept(last)) return last;
            if (started.Elapsed > limit) throw new XunitException($"not within {limit.TotalSeconds:0} s: {describe(last)}");
            await Task.Delay(Poll);
        }
    }
}
