namespace GradientService.Contracts.Wire;

/// <summary>
/// A stretch of consecutive recorded steps over which one detector's condition held for one layer (or the whole net):
/// the readable unit of a long run's events (a 100,000-step run clipped throughout is one clipping episode, not 100,000
/// lines). An open episode is still going on (live); its <see cref="LastStep"/> grows as it does.
/// </summary>
/// <param name="Kind">What held (<see cref="EpisodeKinds"/>).</param>
/// <param name="Layer">1-based layer concerned, or null for the whole network. Vanishing: the depth from which learning has
/// effectively stopped (layers 1 … Layer), the deepest seen during the episode.</param>
/// <param name="FirstStep">First step of the episode (the step from which its condition held, not the step it was confirmed).</param>
/// <param name="LastStep">Last step at which it held.</param>
/// <param name="Steps">Recorded steps at which it held (clipping: steps clipped).</param>
/// <param name="Peak">Its most extreme measured value (per kind: see <see cref="EpisodeKinds"/>).</param>
/// <param name="PeakStep">Step of <see cref="Peak"/>.</param>
/// <param name="Open">True while the condition still holds at the newest recorded step of a running run.</param>
/// <param name="Message">One line: what held, with the numbers.</param>
/// <param name="Track">The layer the detector watches (1-based), 0 for the whole network: with <see cref="Kind"/> and
/// <see cref="FirstStep"/> the episode's key (a newer state of the same episode replaces the older one).</param>
public sealed record RunEpisode(string Kind, int? Layer, int FirstStep, int LastStep, int Steps, double? Peak, int? PeakStep, bool Open, string Message, int Track = 0);

/// <summary>The episode kinds, and what each one's <see cref="RunEpisode.Peak"/> holds.</summary>
public static class EpisodeKinds
{
    /// <summary>The gradient fades towards the input; peak = decades between the output layer's and the first layer's ‖∂L/∂W‖, log₁₀(‖∂L/∂W_L‖/‖∂L/∂W_1‖) (positive).</summary>
    public const string Vanishing = "vanishing";

    /// <summary>The global norm ‖g‖ far above its running median or growing by a factor per step; peak = the largest ‖g‖.</summary>
    public const string Exploding = "exploding";

    /// <summary>A recurrent layer with γ·σ_max(W_hh) &gt; 1, the necessary condition for exploding gradients over time; peak = the largest γ·σ_max.</summary>
    public const string RecurrentGain = "recurrent-gain";

    /// <summary>Steps with NaN or ±∞ gradient entries; layer = the first such layer from the input; peak = the most entries at one step.</summary>
    public const string NonFinite = "non-finite";

    /// <summary>Training stopped on a non-finite loss or gradient (one step); layer = where it broke.</summary>
    public const string Diverged = "diverged";

    /// <summary>Clipped steps (scale &lt; 1); peak = the smallest clip scale.</summary>
    public const string Clipping = "clipping";

    /// <summary>A sigmoid/tanh layer with more than the threshold's share of units in the flat tails; peak = the largest share.</summary>
    public const string Saturation = "saturation";

    /// <summary>A ReLU-family layer with more than the threshold's share of units inactive on the whole batch; peak = the largest share.</summary>
    public const string DeadUnits = "dead-units";

    /// <summary>The loss (layer null) no longer falling over a window while the gradient is not zero; peak = the smallest relative decrease over the window (negative: it rose).</summary>
    public const string Stalled = "stalled";

    public static readonly IReadOnlyList<string> All = [Vanishing, Exploding, RecurrentGain, NonFinite, Diverged, Clipping, Saturation, DeadUnits, Stalled];
}
