using System.Diagnostics;

namespace OrleansMarketData.Gateway.Tests.Infrastructure;

/// <summary>Runs a program to completion with a time limit and returns its exit code and output.</summary>
public static class Command
{
    public sealed record Result(int ExitCode, string StandardOutput, string StandardError)
    {
        public string Output => StandardOutput + StandardError;
    }

    /// <param name="environment">Variables to set; a null value removes the variable.</param>
    public static async Task<Result> RunAsync(
        string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string?> environment, TimeSpan timeout, string workingDirectory)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        foreach (var (key, value) in environment)
        {
            if (value is null) start.Environment.Remove(key);
            else start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{file} {string.Join(' ', start.ArgumentList)} did not finish within {timeout}");
        }
        return new Result(process.ExitCode, await stdout, await stderr);
    }
}
