using GradientService.Contracts.Spec;

namespace GradientService.Core.Reproductions;

/// <summary>
/// Pascanu, Mikolov &amp; Bengio 2013, §4.1.1 and Figure 7 (middle, "basic tanh"): the temporal-order problem for a
/// 50-unit tanh RNN with W_rec, W_in, W_out ~ N(0, 0.1) (read as the std, as numpy's scale) and zero biases, minibatches
/// of 20, SGD at a constant 0.01 without momentum, clipped at a norm of 1 (MSGD-C) or not (MSGD). A run succeeds when
/// under 1 % of fresh test sequences are misclassified. The paper trains up to 5 million updates at lengths 50 and up;
/// here <see cref="Updates"/> updates at length <see cref="Length"/>.
/// </summary>
public static class PascanuTemporalOrder
{
    /// <summary>The reduced sequence length T (the paper's Figure 7 starts at 50).</summary>
    public const int Length = 30;

    /// <summary>Updates per run (the paper allows up to 5 million).</summary>
    public const int Updates = 20_000;

    /// <summary>Misclassified share under which a run counts as solved (§4.1.1: "under 1 %").</summary>
    public const double SuccessBelow = 0.01;

    /// <summary>The setup with <paramref name="clipping"/> (the preset's) and <paramref name="seed"/>, at length <paramref name="length"/> for <paramref name="updates"/> updates.</summary>
    public static RunSpec Spec(ClippingSpec clipping, ulong seed, int length = Length, int updates = Updates) => new()
    {
        Name = "Temporal order, basic tanh (Pascanu et al. 2013, Figure 7)",
        Model = new RnnSpec { Depth = 1, Width = 50, Activation = ActivationKind.Tanh },
        Init = new InitSpec { Scheme = InitScheme.Normal, Std = 0.1, RecurrentScheme = InitScheme.Normal },
        Data = new DataSpec { Kind = DatasetKind.TemporalOrder, Samples = 10_000, TestFraction = 0.2, SequenceLength = length },
        Optimizer = new OptimizerSpec { Kind = OptimizerKind.Sgd, LearningRate = 0.01 },
        Clipping = clipping,
        Training = new TrainingSpec { Loss = LossKind.CrossEntropy, BatchSize = 20, Steps = updates, EvalEvery = 0, Seed = seed },
    };
}
