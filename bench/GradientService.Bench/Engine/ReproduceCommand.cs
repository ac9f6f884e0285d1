using System.Globalization;
using GradientService.Contracts.Presets;
using GradientService.Core.Reproductions;

namespace GradientService.Bench.Engine;

/// <summary>
/// Measures every reproduced figure of the presets (<see cref="ReproductionMeasures"/>) over seeds 1–5 and prints each
/// beside the published one: the numbers that go into the presets' records (PresetCatalog) and docs/presets.md.
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
            if (preset.Reproduction is not { Figures.Count: > 0 } reproduction) continue;
            if (only is not null && !preset.Name.Contains(only, StringComparison.Ordinal)) continue;
            if (!ReproductionMeasures.All.TryGetValue(preset.Name, out var measure))
            {
                Console.Error.WriteLine($"{preset.Name}: no measure in ReproductionMeasures");
                return 1;
            }
            var ours = ReproductionMeasures.OverSeeds(preset.Spec, measure);
            for (var f = 0; f < ours.Length; f++)
            {
                var figure = reproduction.Figures[f];
                Console.WriteLine(string.Format(inv, "{0}\t{1}\t{2:G4}\t{3:G4}\t{4:G3}\t{5}",
                    preset.Name, figure.Quantity, figure.Published, ours[f].Mean, ours[f].Sd, ReproductionMeasures.Seeds));
            }
        }
        return 0;
    }
}
