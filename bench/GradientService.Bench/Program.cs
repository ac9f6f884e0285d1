using BenchmarkDotNet.Running;
using GradientService.Bench.Kernels;

// Commands: gemm (matrix-product throughput table), kernels (BenchmarkDotNet over the kernel benchmarks).
return args.FirstOrDefault() switch
{
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
    Console.Error.WriteLine("usage: GradientService.Bench gemm [options] | kernels [BenchmarkDotNet options]");
    Console.Error.WriteLine(GemmCommand.Help);
    return 2;
}
