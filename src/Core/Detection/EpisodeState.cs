namespace GradientService.Core.Detection;

/// <summary>
/// One episode as it stands after a step, copied by value so the training thread hands it on without allocating: the
/// wire's RunEpisode (Layer 0: the whole network; Peak NaN: none) plus Track, the layer the detector watches (1-based,
/// 0 for the whole network), which with Kind and FirstStep keys the stored episode.
/// </summary>
public readonly record struct EpisodeState(
    string Kind, int Track, int Layer, int FirstStep, int LastStep, int Steps, double Peak, int PeakStep, bool Open, string Message);
