using GradientService.Contracts.Labs;

namespace GradientService.Core.Labs.Doya;

/// <summary>
/// All fixed points x* = σ(w·x* + b) of the one-neuron network, solved in the pre-activation u = w·x* + b, where
/// h(u) = u − w·σ(u) − b = 0 and x* = σ(u) keeps full precision near 0 and 1. Every root lies in [b, b + w], and
/// h′(u) = 1 − w·σ′(u) vanishes only at the folds ±u_f (w &gt; 4), so h is monotone between them: each of those at most
/// three intervals brackets at most one root, found by bisection to the last bit. A grid can miss two roots that lie
/// between neighbouring points near a saddle-node; these brackets cannot.
/// </summary>
public static class FixedPoints
{
    /// <summary>The self-connection above which the curve folds: w·σ′ ≤ w/4, so w &gt; 4 is needed for w·x(1−x) = 1.</summary>
    public const double FoldThreshold = 4;

    // Halving a bracket at most 48 wide reaches the spacing of doubles at any root, subnormals included, within log₂(48 / 2⁻¹⁰⁷⁴) ≈ 1,080 steps.
    private const int MaxBisections = 1100;

    /// <summary>
    /// u_f = 2·atanh(√(1 − 4/w)) = logit of the saddle-node state x = (1 + √(1 − 4/w))/2, where w·σ′(u) = 1; null for w ≤ 4.
    /// </summary>
    public static double? Fold(double w) => w > FoldThreshold ? 2 * Math.Atanh(Math.Sqrt(1 - FoldThreshold / w)) : null;

    /// <summary>The saddle-node bifurcations, lower state first: b = u − w·σ(u) at u = ∓u_f; empty for w ≤ 4.</summary>
    public static IReadOnlyList<SaddleNode> SaddleNodes(double w) => Fold(w) is { } fold
        ? [new SaddleNode(-fold - w * OneNeuron.Logistic(-fold), OneNeuron.Logistic(-fold)), new SaddleNode(fold - w * OneNeuron.Logistic(fold), OneNeuron.Logistic(fold))]
        : [];

    /// <summary>The fixed points at (w, b), x ascending: one, or three inside the bistable range (two at a saddle-node itself).</summary>
    public static IReadOnlyList<FixedPoint> At(double w, double b)
    {
        if (w == 0) return [Point(w, b)];
        var fold = Fold(w);
        var edges = new List<double> { b };
        if (fold is { } f)
            foreach (var u in new[] { -f, f })
                if (u > b && u < b + w) edges.Add(u);
        edges.Add(b + w);
        var points = new List<FixedPoint>(3);
        double? previous = null;
        for (var i = 0; i + 1 < edges.Count; i++)
            if (Root(w, b, edges[i], edges[i + 1]) is { } u && u != previous)
            {
                points.Add(Point(w, u, fold));
                previous = u;
            }
        return points;
    }

    /// <summary>The branch a fixed point with pre-activation u lies on.</summary>
    public static FixedPointBranch Branch(double u, double? fold) => fold switch
    {
        null => FixedPointBranch.Single,
        { } f when u < -f => FixedPointBranch.Lower,
        { } f when u > f => FixedPointBranch.Upper,
        _ => FixedPointBranch.Middle,
    };

    private static FixedPoint Point(double w, double u, double? fold = null)
    {
        var slope = w * OneNeuron.LogisticSlope(u);
        return new FixedPoint(OneNeuron.Logistic(u), Branch(u, fold), slope, slope < 1);
    }

    private static double H(double w, double b, double u) => u - w * OneNeuron.Logistic(u) - b;

    /// <summary>The root of h in [lo, hi] where h is monotone; null when h does not change sign there.</summary>
    private static double? Root(double w, double b, double lo, double hi)
    {
        var hLo = H(w, b, lo);
        var hHi = H(w, b, hi);
        if (hLo == 0) return lo;
        if (hHi == 0) return hi;
        if (Math.Sign(hLo) == Math.Sign(hHi)) return null;
        var rising = hHi > 0;
        for (var i = 0; i < MaxBisections; i++)
        {
            var mid = lo + (hi - lo) / 2;
            if (mid == lo || mid == hi) break;
            var hMid = H(w, b, mid);
            if (hMid == 0) return mid;
            if (hMid > 0 == rising) hi = mid;
            else lo = mid;
        }
        return Math.Abs(H(w, b, lo)) <= Math.Abs(H(w, b, hi)) ? lo : hi;
    }
}
