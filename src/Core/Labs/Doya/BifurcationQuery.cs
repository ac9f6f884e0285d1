using GradientService.Contracts.Labs;
using GradientService.Core.Data;
using GradientService.Core.Spec;

namespace GradientService.Core.Labs.Doya;

/// <summary>The bifurcation diagram of the one-neuron network for self-connection w over b ∈ [BMin, BMax] at <see cref="Points"/> values of b.</summary>
public sealed record BifurcationQuery(double W, double BMin, double BMax, int Points = BifurcationQuery.DefaultPoints)
{
    public const int DefaultPoints = 401;

    /// <summary>Most b values: each costs three bisections, and the chart has no more pixels than this.</summary>
    public const int MaxPoints = 2001;

    /// <summary>Largest |b|: x* = σ(u) with |u| ≤ |b| + w stays far from 0 and 1 in double precision.</summary>
    public const double MaxBias = 32;

    /// <summary>Every bad field, named as the endpoint's query parameters.</summary>
    public IReadOnlyList<SpecError> Validate()
    {
        var errors = new List<SpecError>();
        FieldCheck.Real(errors, "w", W, 0, OneNeuron.MaxW);
        FieldCheck.Int(errors, "points", Points, 2, MaxPoints);
        FieldCheck.Real(errors, "bMin", BMin, -MaxBias, MaxBias);
        if (FieldCheck.Real(errors, "bMax", BMax, -MaxBias, MaxBias) && !(BMax > BMin))
            errors.Add(new SpecError("bMax", $"must be above bMin ({BMin}); got {BMax}."));
        return errors;
    }

    /// <summary>Each branch's points over the b grid, with the saddle-node points that end a branch inside the range.</summary>
    public BifurcationDiagram Build()
    {
        var curves = new SortedDictionary<FixedPointBranch, List<(double B, double X)>>();
        for (var i = 0; i < Points; i++)
        {
            var b = i == Points - 1 ? BMax : BMin + (BMax - BMin) * i / (Points - 1);
            foreach (var point in FixedPoints.At(W, b)) Curve(curves, point.Branch).Add((b, point.X));
        }
        var saddles = FixedPoints.SaddleNodes(W);
        foreach (var (saddle, stableSide) in saddles.Zip([FixedPointBranch.Lower, FixedPointBranch.Upper]))
            if (saddle.B >= BMin && saddle.B <= BMax)
            {
                Curve(curves, stableSide).Add((saddle.B, saddle.X));
                Curve(curves, FixedPointBranch.Middle).Add((saddle.B, saddle.X));
            }
        var branches = curves.Select(c =>
        {
            var sorted = c.Value.OrderBy(p => p.B).ToList();
            return new DiagramBranch(c.Key, c.Key != FixedPointBranch.Middle, [.. sorted.Select(p => p.B)], [.. sorted.Select(p => p.X)]);
        }).ToList();
        return new BifurcationDiagram(W, BMin, BMax, branches, saddles,
            saddles.Count == 2 ? saddles[1].B : null, saddles.Count == 2 ? saddles[0].B : null);
    }

    private static List<(double B, double X)> Curve(SortedDictionary<FixedPointBranch, List<(double B, double X)>> curves, FixedPointBranch branch)
    {
        if (!curves.TryGetValue(branch, out var curve)) curves[branch] = curve = [];
        return curve;
    }
}
