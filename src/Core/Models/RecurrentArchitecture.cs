using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Layers;
using GradientService.Core.Recurrent;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Models;

/// <summary>rnn, lstm and gru (<see cref="RecurrentSpec"/>): stacked recurrent layers over T steps, then a read-out.</summary>
internal sealed class RecurrentArchitecture<TSpec> : ModelArchitecture where TSpec : RecurrentSpec
{
    public override Type SpecType => typeof(TSpec);

    public override bool TakesSequences => true;

    public override string ActivationFormula => "rows × T × H × layers";

    public override void Check(ModelSpec model, SpecErrorList errors)
    {
        base.Check(model, errors);
        var spec = (RecurrentSpec)model;
        // The gated cells have their own nonlinearities (sigmoid gates, tanh candidate); only the Elman cell takes φ.
        if (spec.Architecture != Architecture.Rnn && Enum.IsDefined(spec.Activation) && spec.Activation != ActivationKind.Tanh)
            errors.Add("model.activation", $"{SpecErrorList.Name(spec.Architecture)} uses tanh (its gates are sigmoids); leave it out or set tanh, got {SpecErrorList.Name(spec.Activation)}");
        errors.Defined("model.output", spec.Output);
        if (spec.BpttLength is { } bptt) errors.Between("model.bpttLength", bptt, 1, Limits.MaxSequenceLength);
        if (spec is LstmSpec lstm) errors.Between("model.forgetBias", lstm.ForgetBias, -Limits.MaxInitOffset, Limits.MaxInitOffset);
    }

    public override void CheckTask(ModelSpec model, DataShape shape, string dataName, SpecErrorList errors)
    {
        var spec = (RecurrentSpec)model;
        // A last-step read-out on per-step targets is fine: the trainer keeps each sequence's last target.
        if (spec.Output == OutputMode.Every && shape.TargetsPerExample <= 1)
            errors.Add("model.output", $"every needs a target at every step; {dataName} has one per sequence (use last)");
        if (spec.BpttLength is { } bptt && !errors.Any("model.bpttLength") && bptt > shape.SequenceLength)
            errors.Add("model.bpttLength", SpecErrorList.Invariant($"must be at most the sequence length {shape.SequenceLength}; got {bptt}"));
    }

    /// <summary>
    /// Σ_k G·H·(in_k + H) + 2·G·H (W_ih, W_hh, b_ih, b_hh) with G gate blocks (1 rnn, 4 lstm: i f g o, 3 gru: r z n),
    /// in_0 = the input size and in_k = H above, plus the read-out H·C + C.
    /// </summary>
    public override long Parameters(ModelSpec model, DataShape shape)
    {
        long gates = RecurrentLayer<float>.GatesOf(model.Architecture);
        long total = 0;
        long fanIn = shape.InputSize;
        long h = model.Width;
        for (var k = 0; k < model.Depth; k++, fanIn = h) total += gates * h * (fanIn + h) + 2 * gates * h;
        return total + fanIn * shape.OutputSize + shape.OutputSize;
    }

    /// <summary>rows × T × H × layers (every step is kept for BPTT).</summary>
    public override long ActivationElements(ModelSpec model, DataShape shape, int rows) =>
        (long)rows * shape.SequenceLength * model.Width * model.Depth;

    public override INetwork<T> Build<T>(ModelSpec model, OutputLayer output, Dataset data, int capacity, MatrixProduct<T> mm) =>
        new RecurrentNet<T>((RecurrentSpec)model, data.InputSize, data.OutputSize, data.SequenceLength, capacity, mm);
}
