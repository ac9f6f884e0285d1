using GradientService.Bench.Engine;
using GradientService.Bench.Service;

return args.FirstOrDefault() switch
{
    "engine" => EngineCommand.Run(args[1..]),
    "recorder" => RecorderCommand.Run(args[1..]),
    "queries" => QueriesCommand.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/GradientService.Bench -- engine [--json file] [--only text] [--threads n] [--float64]");
    Console.Error.WriteLine("       … -- recorder [--layers 100] [--steps 30000] [--batch 1000]");
    Console.Error.WriteLine("       … -- queries [--layers 100] [--steps 100000] [--runs 10000] [--repeat 50]");
    return 2;
}
