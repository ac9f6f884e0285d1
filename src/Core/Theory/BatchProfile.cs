using GradientService.Core.Training;

namespace GradientService.Core.Theory;

/// <summary>
/// What the engine's probes are expected to read at step 1 for a net of finite width N trained on batches of B examples:
/// log₁₀(‖δ_l‖/‖δ_D‖) and log₁₀(‖∂L/∂W_l‖/‖∂L/∂W_D‖), norms over the whole batch, as the mean over draws of the weights.
/// </summary>
/// <remarks>
/// The infinite-width recursions (<see cref="MeanField"/>) describe one example. A probe measures a batch, and two
/// effects move it off that line.
/// <para><b>Finite width.</b> Given layer l − 1, the N pre-activations of layer l of one example are i.i.d. N(b, v_l)
/// over the weight draw, so the layer's mean of φ(h)² (the next v) and of φ′(h)²·g² (its factor on ‖δ‖², g ~ N(0, 1) the
/// backward weights under the gradient-independence assumption) scatter by O(1/√N) around the mean-field values. Each
/// example follows its own chain of these draws (its input's mean square scattering as χ²_n/n); where the q map is
/// near marginal (gelu with he init) the scatter does not die out, and examples collapse at different depths.
/// <b>The batch norm is a sum</b>: ‖δ_l‖² = Σ_b ‖δ_l^b‖², so the examples that collapsed least dominate, and the batch's
/// log-ratio sits above the mean of the examples' (by ≈ ln 10·σ² for a log-normal spread of σ decades).</para>
/// <para><b>Pairs of examples.</b> ‖∂L/∂W_l‖² = Σ_{a,b} (δ_l^a·δ_l^b)(h_{l−1}^a·h_{l−1}^b): the cross terms carry the
/// correlation of two examples' activations (the c map of Poole et al. 2016, from the inputs' mean correlation) and of
/// their backward errors (the read-out's gradient correlation ρ_g of <see cref="ReadoutQuery"/>, carried down by
/// σ_w² E[φ′(h^a)φ′(h^b)] per layer). Deep in the ordered phase every example maps to the same point, the cross terms
/// at the top layers are B − 1 times the diagonal's, and ‖∂L/∂W_D‖ grows while ‖∂L/∂W_1‖, whose inputs are the
/// uncorrelated data, does not. The cross terms are taken at infinite width; the diagonal from the simulated chains.</para>
/// </remarks>
internal static class BatchProfile
{
    /// <summary>Simulated draws of the weights; the mean over them is reported.</summary>
    public const int Trials = 32;

    /// <summary>Examples simulated per draw (a batch above this is represented by this many).</summary>
    public const int MaxExamples = 64;

    /// <summary>Up to this width each unit is drawn; above it a layer's means are drawn from their normal limit.</summary>
    private const int ExactWidth = 64;

    /// <summary>Pre-activation variances v_l (b² excluded) of the mean-field recursion, input side first.</summary>
    public static (double[] Delta, double[] Weight) Expected(MeanFieldQuery query, double[] variances)
    {
        var depth = query.Depth;
        var (phi, sw, sb, b, width) = (query.Activation, query.WeightVariance, query.BiasVariance, query.BiasMean, query.Width);
        var (crossDelta, crossActivation) = Pairs(query, variances);
        var moments = new UnitMoments(phi, b);
        var rng = new Rng(1);
        var examples = Math.Min(query.Batch, MaxExamples);
        var inputWidth = query.EffectiveInputWidth;
        var inputSquare = query.InputSecondMoment * sw / query.EffectiveFirstWeightVariance; // E[x²] of the raw features

        // Per example: a_l = mean φ(h_l)² (a_0 = the input's mean square) and d_l = its δ² per unit relative to the read-out's.
        var activation = new double[examples, depth + 1];
        var delta = new double[examples, depth];
        var deltaSums = new double[depth];
        var weightSums = new double[depth];
        for (var trial = 0; trial < Trials; trial++)
        {
            for (var e = 0; e < examples; e++)
            {
                var a0 = inputSquare * ChiSquareMean(rng, inputWidth);
                activation[e, 0] = a0;
                var v = sw * query.InputSecondMoment * (a0 / inputSquare) + sb; // σ_w1²·a₀ + σ_b²
                var factors = new double[depth];
                for (var l = 0; l < depth; l++)
                {
                    var (value, slope) = width <= ExactWidth ? Units(rng, phi, v, b, width) : Means(rng, moments.At(v), width);
                    activation[e, l + 1] = value;
                    factors[l] = slope;
                    v = sw * value + sb;
                }
                // δ_D per unit ∝ mean φ′(h_D)²g² (the read-out's σ²‖g‖²/N is the unit); δ_l = δ_{l+1} · σ_w² mean φ′(h_l)²g².
                delta[e, depth - 1] = factors[depth - 1];
                for (var l = depth - 2; l >= 0; l--) delta[e, l] = delta[e, l + 1] * sw * factors[l];
            }
            var batch = (double)query.Batch;
            var top = 0.0;
            for (var e = 0; e < examples; e++) top += delta[e, depth - 1];
            var weights = new double[depth];
            for (var l = 0; l < depth; l++)
            {
                double deltaSum = 0, diagonal = 0;
                for (var e = 0; e < examples; e++)
                {
                    deltaSum += delta[e, l];
                    diagonal += delta[e, l] * activation[e, l];
                }
                deltaSums[l] += 0.5 * Math.Log10(deltaSum / top);
                var fanIn = l == 0 ? inputWidth : width;
                weights[l] = fanIn * (batch / examples * diagonal + batch * (batch - 1) * crossDelta[l] * crossActivation[l]);
            }
            for (var l = 0; l < depth; l++) weightSums[l] += 0.5 * Math.Log10(weights[l] / weights[depth - 1]);
        }
        for (var l = 0; l < depth; l++)
        {
            deltaSums[l] /= Trials;
            weightSums[l] /= Trials;
        }
        return (deltaSums, weightSums);
    }

    /// <summary>
    /// Per layer l (0-based), the infinite-width cross terms in the chains' units: E[δ_l^a δ_l^b] per unit and the
    /// activations' E[φ(h_{l−1}^a) φ(h_{l−1}^b)] feeding layer l (the inputs' for l = 0). Zero for a batch of one.
    /// </summary>
    private static (double[] Delta, double[] Activation) Pairs(MeanFieldQuery query, double[] variances)
    {
        var depth = query.Depth;
        var crossDelta = new double[depth];
        var crossActivation = new double[depth];
        if (query.Batch < 2) return (crossDelta, crossActivation);
        var (phi, sw, sb, b) = (query.Activation, query.WeightVariance, query.BiasVariance, query.BiasMean);
        var inputSquare = query.InputSecondMoment * sw / query.EffectiveFirstWeightVariance;

        var valuePairs = new double[depth];
        var slopePairs = new double[depth];
        crossActivation[0] = inputSquare * query.InputCorrelation;
        var k = sw * query.InputSecondMoment * query.InputCorrelation + sb; // covariance of two examples' h_1
        var previousK = double.NaN;
        for (var l = 0; l < depth; l++)
        {
            var v = variances[l];
            // Deep in a net q and c settle: a layer like the one before it costs no more 2-D integrals.
            (valuePairs[l], slopePairs[l]) = l > 0 && Converged(variances[l - 1], v) && Converged(previousK, k)
                ? (valuePairs[l - 1], slopePairs[l - 1])
                : (Pair(phi, v, k, b, phi.Value), Pair(phi, v, k, b, phi.Slope));
            if (l + 1 < depth) crossActivation[l + 1] = valuePairs[l];
            previousK = k;
            k = sw * valuePairs[l] + sb;
        }

        // The read-out: logits of variance σ_out² E[φ(h_D)²] + σ_b² and covariance σ_out² E[φ(h_D^a)φ(h_D^b)] + σ_b².
        var readout = query.Readout ?? ReadoutQuery.Balanced(10, sw);
        var topValue = MeanField.ValueSquared(phi, variances[depth - 1], b);
        var rho = readout.GradientCorrelation(readout.WeightVariance * topValue + sb, readout.WeightVariance * valuePairs[depth - 1] + sb, b);
        crossDelta[depth - 1] = slopePairs[depth - 1] * rho;
        for (var l = depth - 2; l >= 0; l--) crossDelta[l] = crossDelta[l + 1] * sw * slopePairs[l];
        return (crossDelta, crossActivation);
    }

    private static bool Converged(double previous, double current) => Math.Abs(current - previous) <= 1e-12 * Math.Max(Math.Abs(current), 1e-300);

    /// <summary>E[f(b + u_a) f(b + u_b)] for (u_a, u_b) ~ N(0, [[v, k], [k, v]]).</summary>
    private static double Pair(ScalarActivation phi, double v, double k, double b, Func<double, double> f) =>
        v > 1e-300 ? MeanField.Pair(phi, Math.Sqrt(v), Math.Clamp(k / v, -1, 1), f, b) : f(b) * f(b);

    /// <summary>An input's mean square over n features relative to the average: χ²_n/n (exact up to 64 features, its normal limit above).</summary>
    private static double ChiSquareMean(Rng rng, int n)
    {
        if (n > ExactWidth) return Math.Max(1e-3, 1 + Math.Sqrt(2.0 / n) * rng.NextGaussian());
        var sum = 0.0;
        for (var i = 0; i < n; i++)
        {
            var z = rng.NextGaussian();
            sum += z * z;
        }
        return sum / n;
    }

    /// <summary>One layer of <paramref name="width"/> units drawn one by one: mean φ(h)² and mean φ′(h)²·g².</summary>
    private static (double Value, double Slope) Units(Rng rng, ScalarActivation phi, double v, double b, int width)
    {
        var s = Math.Sqrt(Math.Max(v, 0));
        double value = 0, slope = 0;
        for (var i = 0; i < width; i++)
        {
            var h = b + s * rng.NextGaussian();
            var y = phi.Value(h);
            var d = phi.Slope(h);
            var g = rng.NextGaussian();
            value += y * y;
            slope += d * d * g * g;
        }
        return (value / width, Math.Max(slope / width, 1e-300));
    }

    /// <summary>The two means of a wide layer from their joint normal limit (CLT over its units).</summary>
    private static (double Value, double Slope) Means(Rng rng, UnitMoments.Moments m, int width)
    {
        var valueVariance = Math.Max(0, m.Value4 - m.Value2 * m.Value2) / width;
        var slopeVariance = Math.Max(0, 3 * m.Slope4 - m.Slope2 * m.Slope2) / width; // E[g⁴] = 3
        var covariance = (m.Cross - m.Value2 * m.Slope2) / width;
        var z1 = rng.NextGaussian();
        var z2 = rng.NextGaussian();
        var sv = Math.Sqrt(valueVariance);
        var along = sv > 0 ? covariance / sv : 0;
        var value = m.Value2 + sv * z1;
        var slope = m.Slope2 + along * z1 + Math.Sqrt(Math.Max(0, slopeVariance - along * along)) * z2;
        return (Math.Max(value, m.Value2 * 1e-3), Math.Max(slope, m.Slope2 * 1e-3));
    }
}
