using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace GradientService.Contracts.Spec;

/// <summary>lstm (Hochreiter &amp; Schmidhuber 1997): gates i, f, g, o; the cell's nonlinearity is tanh.</summary>
public sealed record LstmSpec : RecurrentSpec
{
    public LstmSpec() : base(Architecture.Lstm) => Activation = ActivationKind.Tanh;

    /// <summary>Forget-gate bias at init (Gers et al. 2000 recommend 1).</summary>
    [Range(-Limits.MaxInitOffset, Limits.MaxInitOffset)]
    [Description("LSTM forget-gate bias at start: 1 keeps f ≈ 0.73, so the cell carries error across long lags from the first step (Gers et al. 2000).")]
    public double ForgetBias { get; init; } = 1.0;
}
