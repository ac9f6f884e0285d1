using BenchmarkDotNet.Running;
using GradientService.Bench.Dashboard;
using GradientService.Bench.Engine;
using GradientService.Bench.Kernels;
using GradientService.Bench.Service;
using GradientService.Bench.Targets;

// Commands: engine (training steps/s per config), detectors (their cost per step of each engine config), output-layer (a
// softmax against a hierarchical-softmax read-out, forward + backward per step for C = 16 … 4,096), gemm (matrix-product throughput), kernels (BenchmarkDotNet),
// recorder, queries and telemetry (the service: steps/s persisted, read latencies, overhead over the bare engine),
// reproduce (the presets' reproduced figures over 5 seeds), render (the dashboard in headless Chromium while a 100-layer run streams: ms per render, frames/s; --sweep n: alone and beside an n-cell sweep).
return args.FirstOrDefault() switch
{
    "engine" => EngineCommand.Run(args[1..]),
    "detectors" => DetectorsCommand.Run(args[1..]),
    "output-layer" => OutputLayerCommand.Run(args[1..]),
    "gemm" => GemmCommand.Run(args[1..]),
    "kernels" => Kernels(args[1..]),
    "recorder" => RecorderCommand.Run(args[1..]),
    "queries" => QueriesCommand.Run(args[1..]),
    "telemetry" => TelemetryCommand.Run(args[1..]),
    HubClients.Command => HubClients.Run(args[1..]), // the telemetry benchmark's own child process
    "render" => RenderCommand.Run(args[1..]),
    "reproduce" => ReproduceCommand.Run(args[1..]),
    _ => Usage(),
};

static int Kernels(string[] args)
{
    BenchmarkSwitcher.FromTypes([typeof(GemmBenchmarks)]).Run(args);
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: GradientService.Bench engine [--json file] [--only text] [--threads n] [--float64] [--torch oracle-bench.json] [--sweep | --norms] [--seconds s] [--rounds r] [--budget b] [--width w] [--cpu-time] " + TargetTable.Help);
    Console.Error.WriteLine("       GradientService.Bench detectors [--only text] [--threads n] [--steps 200] [--rounds 5]");
    Console.Error.WriteLine("       GradientService.Bench output-layer [--classes 16,64,256,1024,4096] [--width 64] [--batch 32] [--seconds 0.3] [--rounds 3]");
    Console.Error.WriteLine("       GradientService.Bench gemm [options] | kernels [BenchmarkDotNet options]");
    Console.Error.WriteLine(GemmCommand.Help);
    Console.Error.WriteLine("       GradientService.Bench recorder [--layers 100] [--steps 30000] [--batch 1000]");
    Console.Error.WriteLine("       GradientService.Bench queries [--layers 100] [--steps 100000] [--runs 10000] [--repeat 50]");
    Console.Error.WriteLine("       GradientService.Bench telemetry [--only text] [--seconds 2] [--rounds 5] [--clients 5] [--json] [--threads 2]");
    Console.Error.WriteLine(RenderCommand.Help);
    Console.Error.WriteLine(ReproduceCommand.Help);
    return 2;
}
