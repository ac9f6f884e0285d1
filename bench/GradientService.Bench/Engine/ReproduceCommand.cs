using System.Globalization;
using GradientService.Contracts.Presets;
using GradientService.Core.Reproductions;

namespace GradientService.Bench.Engine;

/// <summary>
/// Measures every reproduced figure of the presets (<see cref="ReproductionMeasures"/>) over seeds 1–5 and prints each
/// beside the published one, then the figures without a published number (<see cref="SpreadMeasures"/>): the numbers
/// that go into the presets' records (PresetCatalog) and docs/presets.md.
/// </summary>
internal static class ReproduceCommand
{
    public const string Help = "       GradientService.Bench reproduce [--only preset-name-part]";

    public static int Run(string[] args)
    {
        var only = args.SkipWhile(a => a != "--only").Skip(1).FirstOrDefault();
        var inv = CultureInfo.InvariantCulture;
        Console.WriteLine("preset\tquantity\tpublished\tours mean\tours sd\tseeds");
        foreach (var preset in PresetCatalog.All)
        {
            if (only is not null && !preset.Name.Contains(only, StringComparison.Ordinal)) continue;
            if (preset.Reproduction is { Figures.Count: > 0 } reproduction)
            {
                if (!ReproductionMeasures.All.TryGetValue(preset.Name, out var measure))
                {
                    Console.Error.WriteLine($"{preset.Name}: no measure in ReproductionMeasures");
                    return 1;
                }
                var ours = ReproductionMeasures.OverSeeds(preset.Spec, measure);
                for (var f = 0; f < ours.Length; f++)
                    Print(preset.Name, reproduction.Figures[f].Quantity, reproduction.Figures[f].Published, ours[f]);
            }
            if (SpreadMeasures.All.TryGetValue(preset.Name, out var spread))
            {
                var ours = ReproductionMeasures.OverSeeds(preset.Spec, spread.Of);
                for (var f = 0; f < ours.Length; f++) Print(preset.Name, spread.Quantities[f], double.NaN, ours[f]);
            }
        }
        return 0;

        void Print(string preset, string quantity, double published, (double Mean, double Sd) ours) =>
            Console.WriteLine(string.Format(inv, "{0}\t{1}\t{2:G4}\t{3:G4}\t{4:G3}\t{5}", preset, quantity, published, ours.Mean, ours.Sd, ReproductionMeasures.Seeds));
    }
}
