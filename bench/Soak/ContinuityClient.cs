using System.Net.WebSockets;
using System.Text.Json;

namespace OrleansMarketData.Bench.Soak;

/// <summary>
/// One subscriber on <c>/ws/candles/{symbol}?timeframe=1Min</c> that checks the order of what it receives: first the
/// historical snapshot, then for each live bar either an update of its newest bar (same timestamp) or the next minute
/// that has a bar. A later timestamp is a gap (its missing minutes are lost bars); an earlier one it already had is a
/// duplicate.
/// </summary>
public sealed class ContinuityClient(string symbol, TradingMinutes minutes, SimulatedTimeline timeline, ContinuityTally tally)
{
    private const string TimeFormat = "yyyy-MM-dd HH:mm";
    private readonly ClientWebSocket _socket = new();
    private readonly HashSet<DateTimeOffset> _seen = [];
    private readonly Lock _state = new();
    private readonly TaskCompletionSource _snapshot = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private DateTimeOffset? _newest;
    private bool _gotSnapshot;
    private Task _receiving = Task.CompletedTask;

    public string Symbol => symbol;
    public bool Ended { get; private set; }

    public async Task<bool> OpenAsync(Uri baseUrl, int limit, string keyQuery, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            _socket.Options.KeepAliveInterval = TimeSpan.Zero;
            await _socket.ConnectAsync(new Uri(baseUrl, $"/ws/candles/{Uri.EscapeDataString(symbol)}?timeframe=1Min&limit={limit}&{keyQuery}"), deadline.Token);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref tally.ConnectFailures);
            tally.Incident("connect-failed", symbol, ex.GetBaseException().Message);
            Ended = true;
            return false;
        }
        Interlocked.Increment(ref tally.Opened);
        _receiving = ReceiveAsync();
        if (await Task.WhenAny(_snapshot.Task, Task.Delay(timeout)) != _snapshot.Task && !Ended)
        {
            Interlocked.Increment(ref tally.SnapshotTimeouts);
            tally.Incident("no-snapshot", symbol, $"no historical message within {timeout.TotalSeconds:F0} s");
        }
        return true;
    }

    /// <summary>Closes the socket with a normal close handshake (bounded), as a leaving browser does.</summary>
    public async Task CloseAsync(bool churn)
    {
        if (churn) CheckDue(final: false);
        Ended = true;
        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            if (_socket.State == WebSocketState.Open) await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "", deadline.Token);
        }
        catch (Exception)
        {
            // A close that does not complete in time is not what is measured here.
        }
        _socket.Abort();
        await Task.WhenAny(_receiving, Task.Delay(TimeSpan.FromSeconds(5)));
        _socket.Dispose();
    }

    /// <summary>Counts the bars that were due (emitted at least a grace period ago) and have not arrived.</summary>
    public void CheckDue(bool final)
    {
        DateTimeOffset newest;
        lock (_state)
        {
            if (!_gotSnapshot || _newest is null) return;
            newest = _newest.Value;
        }
        var due = minutes.LatestAtOrBefore(symbol, timeline.NewestDueMinute(DateTimeOffset.UtcNow, TimeSpan.FromSeconds(3)));
        if (due is not { } last || last <= newest) return;
        var missing = minutes.CountBetween(symbol, newest, last) + 1;
        if (final)
        {
            Interlocked.Add(ref tally.MissingAtEnd, missing);
            Interlocked.Increment(ref tally.ClientsMissingAtEnd);
            tally.Incident("missing-at-end", symbol, $"newest {Show(newest)}, due through {Show(last)}: {missing} bar(s)");
        }
        else
        {
            Interlocked.Add(ref tally.BehindAtChurn, missing);
            tally.Max(ref tally.MaxBehindAtChurn, missing);
        }
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[256 * 1024];
        try
        {
            while (true)
            {
                var count = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (count == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                    result = await _socket.ReceiveAsync(buffer.AsMemory(count), CancellationToken.None);
                    count += result.Count;
                } while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    if (!Ended) ServerClosed($"{_socket.CloseStatus} {_socket.CloseStatusDescription}");
                    return;
                }
                OnMessage(buffer.AsSpan(0, count));
            }
        }
        catch (Exception ex)
        {
            if (!Ended) ServerClosed(ex.GetBaseException().Message);
        }
        finally
        {
            _snapshot.TrySetResult();
        }
    }

    private void ServerClosed(string reason)
    {
        Ended = true;
        Interlocked.Increment(ref tally.ClosedByServer);
        tally.Incident("closed-by-server", symbol, reason);
        CheckDue(final: false);
    }

    private void OnMessage(ReadOnlySpan<byte> message)
    {
        using var document = JsonDocument.Parse(message.ToArray());
        var root = document.RootElement;
        var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
        lock (_state)
        {
            switch (type)
            {
                case "historical":
                    OnSnapshot(root.GetProperty("data"));
                    _snapshot.TrySetResult();
                    break;
                case "bar":
                    OnBar(root.GetProperty("timestamp").GetDateTimeOffset().ToUniversalTime());
                    break;
                case "error":
                    tally.Incident("error-message", symbol, root.GetRawText());
                    break;
            }
        }
    }

    private void OnSnapshot(JsonElement data)
    {
        Interlocked.Increment(ref tally.SnapshotsReceived);
        _gotSnapshot = true;
        foreach (var bar in data.EnumerateArray())
        {
            var time = bar.GetProperty("timestamp").GetDateTimeOffset().ToUniversalTime();
            if (_newest is { } previous && minutes.NextAfter(symbol, previous) != time)
            {
                Interlocked.Increment(ref tally.SnapshotGaps);
                tally.Incident("snapshot-gap", symbol, $"{Show(previous)} then {Show(time)}");
            }
            _seen.Add(time);
            _newest = time;
        }
    }

    private void OnBar(DateTimeOffset time)
    {
        if (!_gotSnapshot)
        {
            Interlocked.Increment(ref tally.BarsBeforeSnapshot);
            tally.Incident("bar-before-snapshot", symbol, Show(time));
        }
        if (_newest is not { } newest || time > newest)
        {
            if (_newest is { } last && minutes.NextAfter(symbol, last) != time)
            {
                var lost = minutes.CountBetween(symbol, last, time);
                Interlocked.Add(ref tally.Lost, lost);
                Interlocked.Increment(ref tally.GapEvents);
                tally.Incident("gap", symbol, $"newest {Show(last)}, then {Show(time)}: {lost} bar(s) missing");
            }
            Interlocked.Increment(ref tally.NewBars);
            _newest = time;
        }
        else if (time == newest)
        {
            Interlocked.Increment(ref tally.Updates);
        }
        else if (_seen.Contains(time))
        {
            Interlocked.Increment(ref tally.Duplicated);
            tally.Incident("duplicate", symbol, $"{Show(time)} again after {Show(newest)}");
        }
        else
        {
            Interlocked.Increment(ref tally.OutOfOrder);
            tally.Incident("out-of-order", symbol, $"{Show(time)} after {Show(newest)}");
        }
        _seen.Add(time);
    }

    private static string Show(DateTimeOffset t) => OrleansMarketData.Model.NewYorkTime.ToNewYork(t).ToString(TimeFormat, System.Globalization.CultureInfo.InvariantCulture);
}
