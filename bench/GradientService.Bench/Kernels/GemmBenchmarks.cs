using BenchmarkDotNet.Attributes;
using GradientService.Core.Tensors;

namespace GradientService.Bench.Kernels;

/// <summary>MatrixProduct&lt;float&gt; at n×n×n for each transpose pair, on 1 and 2 threads (BenchmarkDotNet).</summary>
[MemoryDiagnoser]
public class GemmBenchmarks
{
    private GemmCase<float> _case = null!; // Set in Setup, which BenchmarkDotNet runs before any benchmark.
    private MatrixProduct<float> _product = null!; // Same.

    [Params(64, 256, 1024)]
    public int N { get; set; }

    [Params("NN", "NT", "TN", "TT")]
    public string Op { get; set; } = "NN";

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _case = new GemmCase<float>(N, N, N, Op[0] == 'T', Op[1] == 'T');
        _product = new MatrixProduct<float>(Threads);
    }

    [GlobalCleanup]
    public void Cleanup() => _product.Dispose();

    [Benchmark]
    public void Multiply() => _case.Run(_product);
}
