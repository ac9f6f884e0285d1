using GradientService.Contracts.Spec;
using GradientService.Core.Data;

namespace GradientService.Core.Spec;

/// <summary>
/// The size of the model a valid spec builds, known before building it: trainable parameters and the activation
/// elements one batch keeps for backprop. The validator holds them to <see cref="Limits"/>; the form can show them.
/// </summary>
public static class ModelSize
{
    /// <summary>Gate blocks G per recurrent layer: 1 (rnn), 4 (lstm: i, f, g, o), 3 (gru: r, z, n); 0 for feedforward nets.</summary>
    public static int Gates(Architecture architecture) => architecture switch
    {
        Architecture.Rnn => 1,
        Architecture.Lstm => 4,
        Architecture.Gru => 3,
        _ => 0,
    };

    /// <summary>True for rnn, lstm and gru.</summary>
    public static bool IsRecurrent(Architecture architecture) => Gates(architecture) > 0;

    /// <summary>Hidden widths of a feedforward net: the explicit list, or depth × width.</summary>
    public static int[] HiddenWidths(ModelSpec model) =>
        model.Widths is { Length: > 0 } widths ? widths : Enumerable.Repeat(model.Width, model.Depth).ToArray();

    /// <summary>
    /// Trainable parameters. mlp/residual-mlp: Σ_l (fan_in·n_l + n_l), plus γ and β (2n_l) per normalised hidden layer,
    /// plus the read-out; rnn/lstm/gru: Σ_k G·H·(in_k + H) + 2·G·H (W_ih, W_hh, b_ih, b_hh) with in_0 = the input
    /// size and in_k = H above, plus the read-out H·C + C.
    /// </summary>
    public static long Parameters(ModelSpec model, DataShape shape)
    {
        var gates = (long)Gates(model.Architecture);
        long total = 0;
        long fanIn = shape.InputSize;
        if (gates > 0)
        {
            long h = model.Width;
            for (var k = 0; k < model.Depth; k++, fanIn = h) total += gates * h * (fanIn + h) + 2 * gates * h;
        }
        else
        {
            var normalised = model.Normalization != Normalization.None;
            foreach (long n in HiddenWidths(model))
            {
                total += fanIn * n + n + (normalised ? 2 * n : 0);
                fanIn = n;
            }
        }
        return total + fanIn * shape.OutputSize + shape.OutputSize;
    }

    /// <summary>Activation elements one batch keeps: batch × Σ hidden widths (feedforward) or batch × T × H × layers (recurrent).</summary>
    public static long ActivationElements(ModelSpec model, DataShape shape, int batchSize) => IsRecurrent(model.Architecture)
        ? (long)batchSize * shape.SequenceLength * model.Width * model.Depth
        : batchSize * HiddenWidths(model).Sum(w => (long)w);
}
