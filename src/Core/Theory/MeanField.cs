using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;

namespace GradientService.Core.Theory;

/// <summary>
/// Mean-field recursions of a wide feedforward net at initialisation (Poole et al. 2016, "Exponential expressivity in deep
/// neural networks through transient chaos"; Schoenholz et al., ICLR 2017, "Deep information propagation").
/// </summary>
/// <remarks>
/// With h_l the pre-activations of hidden layer l, v_l their variance over the weight draw and b a constant bias:
/// <code>
/// v₁ = σ_w² q₀ + σ_b²,   v_{l+1} = σ_w² E[φ(h_l)²] + σ_b²,   h_l ~ N(b, v_l),   q_l = v_l + b²
/// χ_l = σ_w² E[φ′(h_l)²]                      (‖δ_l‖² = χ_l ‖δ_{l+1}‖², gradient independence assumption)
/// c ↦ (σ_w² E[φ(u₁)φ(u₂)] + σ_b²) / q*,  u₁ = √q* z₁, u₂ = √q* (c z₁ + √(1−c²) z₂),  χ_c = σ_w² E[φ′(u₁)φ′(u₂)]
/// ξ_∇ = −1/ln χ₁,  ξ_c = −1/ln χ_c(c*)
/// </code>
/// A constant bias b (the product's init) is not the theory's Gaussian bias N(0, σ_b²): both add b² (or σ_b²) to the second
/// moment of every pre-activation, but a Gaussian bias adds it as spread around 0, a constant one as a shift of every unit's
/// mean. E[φ(h)²] and E[φ′(h)²] depend on which (for sigmoid a shift moves h along the curve, a spread does not), so the
/// recursion carries the constant as the mean of h instead of folding b² into σ_b². For the correlation map, whose
/// two-input covariance a common shift does not change the way it changes a spread, b² is folded into σ_b² (an approximation,
/// exact for b = 0).
/// </remarks>
public static class MeanField
{
    /// <summary>
    /// The phase is the edge of chaos when |χ₁ − 1| &lt; 1/<see cref="Limits.MaxDepth"/>: then ξ_∇ exceeds the deepest net the
    /// product builds, so the gradient changes by less than a factor e from the last layer to the first.
    /// </summary>
    public const double EdgeTolerance = 1.0 / Limits.MaxDepth;

    /// <summary>Most iterations of the q and c maps while looking for their fixed points.</summary>
    public const int MaxIterations = 2000;

    /// <summary>The net is "small" for the theory when depth/width exceeds this: the log-norm's spread across draws grows like depth/width (Hanin &amp; Nica 2019).</summary>
    public const double MaxDepthOverWidth = 0.1;

    /// <summary>Above this finite-width spread (decades, see <see cref="FiniteWidthSpread"/>) the report says the profile is sensitive to width.</summary>
    public const double MaxFiniteWidthSpread = 0.1;

    /// <summary>
    /// Fewest input features for the expected ‖∂L/∂W_l‖ over a batch: it takes every pair of examples at the inputs' mean
    /// correlation, which holds when many features make the pairs' correlations concentrate; with few (two moons: 2) they
    /// spread over [−1, 1] and the first layers' cross terms are underestimated (by 0.4–0.6 decades on the moons presets).
    /// </summary>
    public const int MinPairFeatures = 16;

    /// <summary>Most Newton steps towards c* (each two 2-D integrals); c* is reported where they stopped.</summary>
    public const int MaxCorrelationIterations = 30;

    private const double Converged = 1e-12;

    /// <summary>A q below this (pre-activations of ~1e-12) is q* = 0 for χ: every φ is linear there to 1e-24.</summary>
    private const double VanishedQ = 1e-24;

    /// <summary>The theory for <paramref name="query"/> (call <see cref="MeanFieldQuery.Validate"/> first), with <paramref name="caveats"/> added to its own.</summary>
    public static TheoryReport Analyze(MeanFieldQuery query, IEnumerable<TheoryCaveat>? caveats = null)
    {
        var phi = query.Activation;
        var sw = query.WeightVariance;
        var b = query.BiasMean;
        var all = new List<TheoryCaveat>(caveats ?? []);

        // The profile: q_l and χ_l layer by layer from q₀.
        var chis = new double[query.Depth];
        var qs = new double[query.Depth];
        var variances = new double[query.Depth];
        var v = sw * query.InputSecondMoment + query.BiasVariance;
        for (var l = 0; l < query.Depth; l++)
        {
            variances[l] = v;
            qs[l] = v + b * b;
            chis[l] = sw * SlopeSquared(phi, v, b);
            v = sw * ValueSquared(phi, v, b) + query.BiasVariance;
        }
        var layers = new TheoryLayer[query.Depth];
        var (expectedDelta, expectedWeight) = BatchProfile.Expected(query, variances);
        var pairsHold = query.Batch < 2 || query.EffectiveInputWidth >= MinPairFeatures;
        if (!pairsHold)
            all.Add(new TheoryCaveat("few-input-features",
                $"The inputs have {query.EffectiveInputWidth} features: pairs of examples do not share one correlation (their cosines spread over [−1, 1]), which the expected ‖∂L/∂W_l‖ over a batch assumes, so no weight-gradient line is drawn; ‖δ_l‖ sums examples without pairs and stands."));
        var log10Ratio = 0.0;
        for (var l = query.Depth - 1; l >= 0; l--)
        {
            // ‖δ_l‖ = √χ_l ‖δ_{l+1}‖: the last layer's own χ_D (toward the read-out) is not between δ_l and δ_D.
            if (l < query.Depth - 1) log10Ratio += 0.5 * Math.Log10(chis[l]);
            layers[l] = new TheoryLayer(l + 1, qs[l], chis[l], log10Ratio, expectedDelta[l], pairsHold ? expectedWeight[l] : null);
        }

        // The fixed point q* and χ₁ there.
        var (vStar, bounded) = FixedPoint(phi, sw, query.BiasVariance, b, qs[0] - b * b);
        var chi = sw * SlopeSquared(phi, vStar, b);
        if (!bounded)
            all.Add(new TheoryCaveat("unbounded-q", $"q grows without bound (σ_w² = {sw:G4} is too large for {Name(phi)} to settle); χ₁ is taken where q has grown to {vStar + b * b:G4}, and c* and ξ_c, which need a settled q*, are left out."));
        var phase = Math.Abs(chi - 1) < EdgeTolerance ? TheoryPhase.Edge : chi < 1 ? TheoryPhase.Ordered : TheoryPhase.Chaotic;

        // The correlation map: c* = 1 in the ordered phase (and at the edge), below 1 in the chaotic one.
        // Without a bounded q* the map has no scale to work at: c* and ξ_c are left out.
        double? cStar = 1.0, chiC = chi;
        if (!bounded) (cStar, chiC) = (null, null);
        else if (phase == TheoryPhase.Chaotic)
            (cStar, chiC) = Correlation(phi, sw, query.BiasVariance + b * b, b == 0 ? vStar : FixedPoint(phi, sw, query.BiasVariance + b * b, 0, vStar + b * b).V);

        var spread = FiniteWidthSpread(query, qs, chis);
        if (spread > MaxFiniteWidthSpread)
            all.Add(new TheoryCaveat("finite-width-sensitive",
                $"χ_l changes steeply with q_l here and q's map is close to marginal, so the ±√(2/N) scatter of q at width {query.Width} carries over into the profile: about ±{spread:F2} decades from seed to seed, and the mean measured over seeds can sit that far from the infinite-width line."));
        if ((double)query.Depth / query.Width > MaxDepthOverWidth)
            all.Add(new TheoryCaveat("small-width",
                $"Depth/width = {query.Depth}/{query.Width} is above {MaxDepthOverWidth}: the theory is the infinite-width limit, and at finite width log‖δ_l‖ spreads across seeds with a variance that grows like depth/width (Hanin & Nica 2019), so one run can sit far from the predicted line and the mean of log‖δ‖ drifts below it."));

        return new TheoryReport(
            Name(phi), sw, query.BiasVariance, b, query.Depth, query.Width, query.Batch, query.InputSecondMoment,
            bounded ? vStar + b * b : null, chi, DepthScale(chi), cStar, chiC is { } slope ? DepthScale(slope) : null,
            phase, EdgeTolerance, layers, all);
    }

    /// <summary>
    /// χ₁ at the fixed point q* of a net with zero-mean Gaussian biases N(0, σ_b²) (the order-to-chaos plane of Schoenholz et
    /// al. 2017, Figure 1), and ξ_c there: −1/ln χ₁ in the ordered phase, −1/ln χ_c(c*) in the chaotic one; ξ_c is null
    /// where q* does not settle or χ is exactly 1. The q map starts from q = 1 (standardised inputs).
    /// </summary>
    public static (double Chi, double? CorrelationDepth) AtFixedPoint(ScalarActivation phi, double sw, double sb)
    {
        var (v, bounded) = AcceleratedFixedPoint(phi, sw, sb);
        var chi = sw * SlopeSquared(phi, v, 0);
        if (!bounded) return (chi, null);
        var chaotic = chi - 1 >= EdgeTolerance;
        return (chi, DepthScale(chaotic ? Correlation(phi, sw, sb, v).ChiC : chi));
    }

    /// <summary>χ₁ at q* alone (see <see cref="AtFixedPoint"/>), without the correlation map.</summary>
    public static double ChiAtFixedPoint(ScalarActivation phi, double sw, double sb) =>
        sw * SlopeSquared(phi, AcceleratedFixedPoint(phi, sw, sb).V, 0);

    /// <summary>
    /// <see cref="FixedPoint"/> from q = σ_w² + σ_b² (q₀ = 1) with Aitken's Δ² extrapolation every third step: near the
    /// edge of chaos the q map is almost marginal and plain iteration creeps, which a plane of hundreds of points cannot afford.
    /// </summary>
    private static (double V, bool Bounded) AcceleratedFixedPoint(ScalarActivation phi, double sw, double sb)
    {
        double Map(double q) => sw * ValueSquared(phi, q, 0) + sb;
        var v = sw + sb;
        for (var i = 0; i < MaxIterations / 3; i++)
        {
            var v1 = Map(v);
            var v2 = Map(v1);
            if (!(v2 < 1e100)) return (v1, false);
            if (Math.Abs(v2 - v1) <= Converged * Math.Max(v2, 1e-300)) return (v2, true);
            if (v2 < VanishedQ) return (v2, true); // falling to q* = 0 (σ_b² = 0): φ is linear at this scale, χ is settled
            var curvature = v2 - 2 * v1 + v;
            var jump = v - (v1 - v) * (v1 - v) / curvature;
            v = curvature != 0 && double.IsFinite(jump) && jump >= 0 ? jump : v2; // a geometric fall to q* = 0 lands on 0
        }
        return FixedPoint(phi, sw, sb, 0, v);
    }

    /// <summary>
    /// First-order spread (in decades) of log₁₀(‖δ_1‖/‖δ_D‖) from finite width: each layer's q_l scatters by about
    /// q_l·√(2/N) (the mean of N squared Gaussian pre-activations), and that scatter moves every later χ_k through
    /// dq_{k}/dq_l = ∏ (slope of the q map). Backward: A_l = g_l + s_l A_{l+1}, g_l = ½ d log₁₀ χ_l / dq_l, spread² = Σ (A_l δq_l)².
    /// </summary>
    private static double FiniteWidthSpread(MeanFieldQuery query, double[] qs, double[] chis)
    {
        const double h = 1e-4;
        var (phi, sw, b) = (query.Activation, query.WeightVariance, query.BiasMean);
        if (HalfSquare(phi) is not null && b == 0) return 0; // χ does not depend on q
        var a = 0.0;
        var variance = 0.0;
        for (var l = query.Depth - 2; l >= 0; l--)
        {
            var v = qs[l] - b * b;
            var dv = Math.Max(v * h, 1e-300);
            var g = 0.5 * (Math.Log10(sw * SlopeSquared(phi, v + dv, b)) - Math.Log10(chis[l])) / dv;
            var slope = sw * (ValueSquared(phi, v + dv, b) - ValueSquared(phi, v, b)) / dv;
            a = g + slope * a;
            var dq = v * Math.Sqrt(2.0 / query.Width);
            variance += a * a * dq * dq;
        }
        return Math.Sqrt(variance);
    }

    /// <summary>ξ = 1/|ln χ| (the depth over which a quantity changes by a factor e); null at χ = 1 exactly.</summary>
    private static double? DepthScale(double chi) => chi == 1 || !double.IsFinite(chi) || chi <= 0 ? null : 1 / Math.Abs(Math.Log(chi));

    /// <summary>E[φ(h)²], h ~ N(b, v).</summary>
    public static double ValueSquared(ScalarActivation phi, double v, double b)
    {
        if (b == 0 && HalfSquare(phi) is { } half) return half * v; // relu, leaky-relu, identity: E[φ(√v z)²] = v (1 + a²)/2
        return Expect(phi, v, b, x => { var y = phi.Value(x); return y * y; });
    }

    /// <summary>E[φ′(h)²], h ~ N(b, v).</summary>
    public static double SlopeSquared(ScalarActivation phi, double v, double b)
    {
        if (b == 0 && HalfSquare(phi) is { } half) return half; // relu, leaky-relu, identity: E[φ′²] = (1 + a²)/2
        return Expect(phi, v, b, x => { var y = phi.Slope(x); return y * y; });
    }

    /// <summary>(1 + a²)/2 for φ = max(x, a·x) (a = 0 relu, a = 1 identity); null for every other φ.</summary>
    private static double? HalfSquare(ScalarActivation phi) => phi.Kind switch
    {
        ActivationKind.Relu => 0.5,
        ActivationKind.LeakyRelu => 0.5 * (1 + phi.LeakySlope * phi.LeakySlope),
        ActivationKind.Identity => 1,
        _ => null,
    };

    private static double Expect(ScalarActivation phi, double v, double b, Func<double, double> f)
    {
        if (!(v > 1e-300)) return f(b); // no spread left: h = b
        var s = Math.Sqrt(v);
        return GaussianQuadrature.Expect(z => f(b + s * z), phi.KinkedAtZero ? -b / s : 0);
    }

    /// <summary>The fixed point of v ↦ σ_w² E[φ(h)²] + σ_b² from <paramref name="v"/>; Bounded false when v keeps growing.</summary>
    private static (double V, bool Bounded) FixedPoint(ScalarActivation phi, double sw, double sb, double b, double v)
    {
        for (var i = 0; i < MaxIterations; i++)
        {
            var next = sw * ValueSquared(phi, v, b) + sb;
            if (!(next < 1e100)) return (v, false);
            if (Math.Abs(next - v) <= Converged * Math.Max(next, 1e-300)) return (next, true);
            var growing = next > v;
            v = next;
            if (i == MaxIterations - 1) return (v, !growing);
        }
        return (v, true);
    }

    /// <summary>
    /// The stable fixed point c* &lt; 1 of the correlation map f (chaotic phase) and the map's slope χ_c = f′(c*) there:
    /// Newton on f(c) − c from c = 0 (f′ = σ_w² E[φ′(u₁)φ′(u₂)], Poole et al. 2016), a plain step f(c) where Newton would leave [−1, 1).
    /// </summary>
    private static (double C, double ChiC) Correlation(ScalarActivation phi, double sw, double sb, double q)
    {
        var s = Math.Sqrt(q);
        var c = 0.0;
        var slope = 0.0;
        for (var i = 0; i < MaxCorrelationIterations; i++)
        {
            var f = Math.Clamp((sw * Pair(phi, s, c, phi.Value) + sb) / q, -1, 1);
            slope = sw * Pair(phi, s, c, phi.Slope);
            if (Math.Abs(f - c) <= 1e-10) break;
            var newton = slope < 1 ? c - (f - c) / (slope - 1) : double.NaN;
            c = newton is >= -1 and < 1 ? newton : f;
        }
        return (c, slope);
    }

    /// <summary>E[f(b + u₁) f(b + u₂)] for unit-correlation c at scale s (u₁ = s z₁, u₂ = s(c z₁ + √(1−c²) z₂)), split at φ's kink.</summary>
    internal static double Pair(ScalarActivation phi, double s, double c, Func<double, double> f, double b = 0)
    {
        var r = Math.Sqrt(Math.Max(0, 1 - c * c));
        var kink = -b / s;
        return GaussianQuadrature.Expect2(
            (z1, z2) => f(b + s * z1) * f(b + s * (c * z1 + r * z2)),
            z1 => phi.KinkedAtZero && r > 0 ? (kink - c * z1) / r : 0,
            phi.KinkedAtZero ? kink : 0);
    }

    /// <summary>The activation's wire name.</summary>
    private static string Name(ScalarActivation phi) => WireNames.Of(phi.Kind);
}
