namespace GradientService.Contracts.Labs;

/// <summary>
/// The fixed points of Doya's one-neuron network dx/dt = −x + σ(w·x + b) (σ logistic) for one w over b ∈ [BMin, BMax]:
/// each branch as a curve, the saddle-node bifurcations where two branches meet, and the bistable range between them.
/// </summary>
/// <param name="W">The self-connection w, 0 … 16.</param>
/// <param name="BMin">Left end of the b range.</param>
/// <param name="BMax">Right end of the b range.</param>
/// <param name="Branches">One curve per branch that has points in the range: lower, middle, upper (w &gt; 4) or single.</param>
/// <param name="SaddleNodes">The bifurcation points (w·x(1−x) = 1), whether or not they lie in the range; empty for w ≤ 4.</param>
/// <param name="BistableFrom">The b where the bistable range starts (the upper saddle-node's b); null for w ≤ 4.</param>
/// <param name="BistableTo">The b where it ends (the lower saddle-node's b); null for w ≤ 4.</param>
public sealed record BifurcationDiagram(
    double W, double BMin, double BMax, IReadOnlyList<DiagramBranch> Branches, IReadOnlyList<SaddleNode> SaddleNodes,
    double? BistableFrom, double? BistableTo);

/// <summary>A branch over the b grid (plus its saddle-node ends inside the range), b ascending.</summary>
/// <param name="Branch">Which branch.</param>
/// <param name="Stable">Stable for the flow and for every Euler step Δt ∈ (0, 1] (the discrete map is Δt = 1): w·x(1−x) &lt; 1.</param>
/// <param name="B">The b of each point.</param>
/// <param name="X">The fixed point x* at that b.</param>
public sealed record DiagramBranch(FixedPointBranch Branch, bool Stable, IReadOnlyList<double> B, IReadOnlyList<double> X);

/// <summary>A saddle-node bifurcation: where a stable and the unstable branch meet and vanish (w·x(1−x) = 1).</summary>
public sealed record SaddleNode(double B, double X);

/// <summary>One fixed point x* = σ(w·x* + b).</summary>
/// <param name="X">x* in (0, 1).</param>
/// <param name="Branch">The branch it lies on.</param>
/// <param name="Slope">w·σ′ = w·x*(1 − x*): the flow's linearisation is −1 + Slope, the Euler map's 1 + Δt(Slope − 1).</param>
/// <param name="Stable">Slope &lt; 1 (for w ≥ 0 this is the condition for the flow and for every step Δt ∈ (0, 1]).</param>
public sealed record FixedPoint(double X, FixedPointBranch Branch, double Slope, bool Stable);
