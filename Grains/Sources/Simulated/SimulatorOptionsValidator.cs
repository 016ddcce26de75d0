using Microsoft.Extensions.Options;

namespace OrleansMarketData.Sources.Simulated;

public sealed class SimulatorOptionsValidator : IValidateOptions<SimulatorOptions>
{
    public ValidateOptionsResult Validate(string? name, SimulatorOptions options)
    {
        var failures = new ValidateOptionsResultBuilder();
        if (options.Speed is < 1 or > 100_000 || double.IsNaN(options.Speed))
            failures.AddError($"{SimulatorOptions.Section}:{nameof(options.Speed)} must be a number from 1 (real time) to 100000");
        if (options.SyntheticSymbols is < 0 or > SyntheticSymbols.MaxCount)
            failures.AddError($"{SimulatorOptions.Section}:{nameof(options.SyntheticSymbols)} must be a whole number from 0 to {SyntheticSymbols.MaxCount}");
        return failures.Build();
    }
}
