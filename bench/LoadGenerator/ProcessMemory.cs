namespace OrleansMarketData.Bench.Load;

/// <summary>Resident memory of a process on this machine, from <c>/proc/{pid}/status</c> (Linux).</summary>
public static class ProcessMemory
{
    public static long? ResidentBytes(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                return kb * 1024;
            }
        }
        catch (IOException)
        {
        }
        return null;
    }
}
