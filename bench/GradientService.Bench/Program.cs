using BenchmarkDotNet.Running;
using GradientService.Bench.Engine;
using GradientService.Bench.Kernels;

// Commands: engine (training steps/s per config), gemm (matrix-product throughput), kernels (BenchmarkDotNet).
return args.FirstOrDefault() switch
{
    "engine" => EngineCommand.Run(args[1..]),
    "gemm" => GemmCommand.Run(args[1..]),
    "kernels" => Kernels(args[1..]),
    _ => Usage(),
};

static int Kernels(string[] args)
{
    BenchmarkSwitcher.FromTypes([typeof(GemmBenchmarks)]).Run(args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: GradientService.Bench engine [--json file] [--only text] [--threads n] [--float64] [--torch oracle-bench.json]");
    Console.Error.WriteLine("       GradientService.Bench gemm [options] | kernels [BenchmarkDotNet options]");
    Console.Error.WriteLine(GemmCommand.Help);
    return 2;
}
