using BenchmarkDotNet.Running;
using OrleansMarketData.Bench;

// `--memory N [depths]` measures memory per active symbol (see SymbolMemory); anything else goes to BenchmarkDotNet,
// e.g. `--filter '*' --job short`. bench/run.sh runs both and writes the results under bench/artifacts.
if (args.Length >= 2 && args[0] == "--memory") return SymbolMemory.Run(args);
BenchmarkSwitcher.FromAssembly(typeof(MinuteBars).Assembly).Run(args);
return 0;
