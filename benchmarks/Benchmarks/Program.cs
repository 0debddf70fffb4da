using BenchmarkDotNet.Running;
using OneThing.Benchmarks;

// Run one or all: dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*Render*'
// CPU time of the algorithm families' operations (busy machines): dotnet run -c Release --project benchmarks/Benchmarks -- cpu-time [signs] [verifications]
if (args.Length > 0 && args[0] == "cpu-time")
{
    return await CpuTimeRun.RunAsync(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 300,
        args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 60);
}
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
