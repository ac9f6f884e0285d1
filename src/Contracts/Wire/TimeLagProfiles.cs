namespace GradientService.Contracts.Wire;

/// <summary>Time-lag profiles of one recurrent layer at chosen steps, with the Pascanu et al. (2013) bound factor γ·σ_max.</summary>
public sealed record TimeLagProfiles(Guid RunId, int Layer, int From, int To, int RawProfiles, IReadOnlyList<TimeLagProfile> Profiles);

/// <summary>
/// ‖∂L/∂h_t‖ for t = 1 … T at one step (<see cref="Norms"/>[t − 1]), and σ_max(W_hh), γ·σ_max then. <see cref="Bound"/> is
/// the Pascanu et al. bound beside it, indexed as <see cref="Norms"/>: ‖∂L/∂h_T‖·(γσ_max)^(T−t) (the engine's RecurrentBound).
/// </summary>
public sealed record TimeLagProfile(int Step, double SigmaMax, double BoundFactor, double ForgetGateMean, IReadOnlyList<double> Norms, IReadOnlyList<double>? Bound = null);
