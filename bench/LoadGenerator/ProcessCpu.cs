using System.Diagnostics;

namespace OrleansMarketData.Bench.Load;

/// <summary>
/// CPU time (user + system, all threads) of a process on this machine: the server under test, by its pid, or the load
/// generator itself. <see cref="Process.TotalProcessorTime"/> reads <c>/proc/{pid}/stat</c> on Linux.
/// </summary>
public static class ProcessCpu
{
    public static TimeSpan? Of(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.TotalProcessorTime;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return null; // gone, or not ours to read
        }
    }

    public static TimeSpan Own()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }
}
