using GradientService.Bench.Engine;

return args.FirstOrDefault() switch
{
    "engine" => EngineCommand.Run(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/GradientService.Bench -- engine [--json file] [--only text] [--threads n] [--float64]");
    return 2;
}
