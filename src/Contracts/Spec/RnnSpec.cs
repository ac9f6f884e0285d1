namespace GradientService.Contracts.Spec;

/// <summary>rnn: the Elman cell h_t = φ(W_ih x_t + W_hh h_{t−1} + b).</summary>
public sealed record RnnSpec() : RecurrentSpec(Architecture.Rnn);
