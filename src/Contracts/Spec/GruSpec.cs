namespace GradientService.Contracts.Spec;

/// <summary>gru (Cho et al. 2014): gates r, z, n; the candidate's nonlinearity is tanh.</summary>
public sealed record GruSpec : RecurrentSpec
{
    public GruSpec() : base(Architecture.Gru) => Activation = ActivationKind.Tanh;
}
