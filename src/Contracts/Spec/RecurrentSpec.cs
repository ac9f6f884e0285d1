using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>rnn, lstm and gru: stacked recurrent layers trained by backpropagation through time, then a read-out.</summary>
public abstract record RecurrentSpec : ModelSpec
{
    protected RecurrentSpec(Architecture architecture) : base(architecture)
    {
    }

    /// <summary>Read-out from the last step or from every step.</summary>
    [Description("Read the output from the last time step (gradient must travel back through all of them) or from every step.")]
    public OutputMode Output { get; init; } = OutputMode.Last;

    /// <summary>Truncated BPTT length in steps; null = the full sequence.</summary>
    [Range(1, Limits.MaxSequenceLength)]
    [Description("Truncated backpropagation through time: the gradient stops after this many steps (a cap on the lag it can learn). Empty = the whole sequence.")]
    public int? BpttLength { get; init; }
}
