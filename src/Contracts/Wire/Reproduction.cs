namespace GradientService.Contracts.Wire;

/// <summary>
/// What a preset that cites a source reproduces from it (docs/presets.md lists them all).
/// </summary>
/// <param name="Source">The work and where in it: chapter, section, figure or table.</param>
/// <param name="Setup">The source's setup as the preset follows it, and where it departs from it.</param>
/// <param name="Reproduced">What the figures below reproduce, in plain words.</param>
/// <param name="NotReproduced">What of the source is not reproduced, and why (data or compute not shipped); empty when nothing.</param>
/// <param name="Figures">Each published number beside the value this product measures at the same point.</param>
public sealed record Reproduction(string Source, string Setup, string Reproduced, string NotReproduced, IReadOnlyList<ReproducedFigure> Figures);

/// <summary>One published number beside ours (docs/presets.md; regenerate ours with the bench's <c>reproduce</c> command).</summary>
/// <param name="Quantity">What is measured and at which point (layer, step), in the source's terms.</param>
/// <param name="Where">Where the published number appears (figure, table, page, or the source's data file).</param>
/// <param name="Published">The source's number.</param>
/// <param name="Mean">This product's value at the same point: the mean over <paramref name="Seeds"/> seeds.</param>
/// <param name="Sd">The sample standard deviation over those seeds.</param>
/// <param name="Seeds">Seeds measured (at least 5).</param>
/// <param name="Rounding">Half a unit of the published number's last digit when the source rounds it (0.05 for "0.5"); 0 when given in full.</param>
public sealed record ReproducedFigure(string Quantity, string Where, double Published, double Mean, double Sd, int Seeds, double Rounding = 0);
