using BenchmarkDotNet.Running;

// Run one or all: dotnet run -c Release --project benchmarks/Benchmarks -- --filter '*Render*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
