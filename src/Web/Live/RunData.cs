using GradientService.Contracts.Metrics;
using GradientService.Contracts.Wire;

namespace GradientService.Web.Live;

/// <summary>
/// Everything the browser holds of one run, in bounded memory: the scalar series, the layer grid, events, time-lag
/// profiles, a hierarchical softmax's per-depth norms and the status. Steps arrive in order from the hub; a step already held is ignored, so a resumed
/// subscription that repeats a step changes nothing.
/// </summary>
public sealed class RunData(Guid runId, int seriesCapacity = 2048, int gridColumns = 1024)
{
    /// <summary>Events kept for the list (the newest are dropped past this; counts stay exact).</summary>
    public const int MaxEvents = 5000;

    private readonly List<RunEventMessage> _events = [];

    public Guid RunId { get; } = runId;

    /// <summary>The layer grid's capacity in columns (what a negotiated <see cref="LiveView"/> asks the hub for).</summary>
    public int GridColumns { get; } = gridColumns;

    public RunStatus Status { get; set; } = RunStatus.Queued;

    public int TotalSteps { get; set; }

    public string? Reason { get; set; }

    /// <summary>The newest step held (0 = none).</summary>
    public int LastStep { get; private set; }

    /// <summary>Distinct steps received live (from the hub) since the page opened.</summary>
    public int StepsReceived { get; private set; }

    /// <summary>The first step received from the hub (0 = none yet); earlier steps came downsampled over HTTP.</summary>
    public int FirstLiveStep { get; private set; }

    /// <summary>Steps skipped between consecutive steps received (0 when every recorded step arrived, with the default recording of every step).</summary>
    public int MissingSteps { get; private set; }

    public int ClipEvents { get; private set; }

    public int NonFiniteEvents { get; private set; }

    public int? DivergedStep { get; private set; }

    /// <summary>Bumped on every change, so a view redraws only when something changed.</summary>
    public long Version { get; private set; }

    public SeriesBuffer Loss { get; } = new(seriesCapacity);
    public SeriesBuffer TrainAccuracy { get; } = new(seriesCapacity);
    public SeriesBuffer TestLoss { get; } = new(seriesCapacity);
    public SeriesBuffer TestAccuracy { get; } = new(seriesCapacity);
    public SeriesBuffer GradNormBefore { get; } = new(seriesCapacity);
    public SeriesBuffer GradNormAfter { get; } = new(seriesCapacity);
    public SeriesBuffer ClipScale { get; } = new(seriesCapacity);

    /// <summary>Gradient-free runs: the population's mean loss, its diversity and the evaluations used so far, per generation.</summary>
    public SeriesBuffer PopulationLoss { get; } = new(seriesCapacity);
    public SeriesBuffer PopulationDiversity { get; } = new(seriesCapacity);
    public SeriesBuffer Evaluations { get; } = new(seriesCapacity);

    /// <summary>Null until the model's layer count is known (from the run's detail or the first layer frame).</summary>
    public LayerGrid? Grid { get; private set; }

    /// <summary>The newest layer frame, exactly as recorded.</summary>
    public LayerFrame? LatestFrame { get; private set; }

    public LagStore TimeLag { get; } = new();

    /// <summary>A hierarchical-softmax run's gradient per tree depth (empty for other runs).</summary>
    public OutputDepthStore OutputDepths { get; } = new(seriesCapacity);

    public EpisodeStore Episodes { get; } = new();

    public IReadOnlyList<RunEventMessage> Events => _events;

    public void EnsureGrid(int layers)
    {
        if (Grid is not null || layers <= 0) return;
        Grid = new LayerGrid(layers, GridColumns);
        Grid.Presize(TotalSteps); // as wide as the whole run's columns from the start: no width doubling while it streams
    }

    public void Apply(StepBatch batch)
    {
        if (batch.RunId != RunId) return;
        var held = LastStep;
        foreach (var step in batch.Steps)
        {
            if (step.Step <= LastStep) continue;
            if (LastStep > 0 && step.Step > LastStep + 1) MissingSteps += step.Step - LastStep - 1;
            LastStep = step.Step;
            StepsReceived++;
            if (FirstLiveStep == 0) FirstLiveStep = step.Step;
            foreach (var metric in Held)
                if ((int)metric < step.Values.Length && step.Values[(int)metric] is { } value) Buffer(metric)?.Add(step.Step, value);
        }
        foreach (var frame in batch.Layers)
        {
            if (frame.Step <= held) continue;
            EnsureGrid(frame.Values.Length == 0 ? 0 : frame.Values[0].Length);
            Grid?.Add(frame);
            if (LatestFrame is null || frame.Step > LatestFrame.Step) LatestFrame = frame;
        }
        var episodes = Episodes.Version;
        AddFrames(batch.Recurrent, batch.OutputDepths, batch.Events, batch.Episodes, held);
        if (LastStep > held || batch.Events.Count > 0 || Episodes.Version != episodes) Version++;
    }

    /// <summary>The time-lag profiles, per-depth norms and events after step <paramref name="held"/>, and the episodes' newest states.</summary>
    private void AddFrames(IReadOnlyList<RecurrentFrame> recurrent, IReadOnlyList<OutputDepthFrame>? outputDepths, IReadOnlyList<RunEventMessage> events,
        IReadOnlyList<RunEpisode> episodes, int held)
    {
        foreach (var frame in recurrent)
        {
            if (frame.Step <= held || frame.TimeLag is null || frame.Layer != 1) continue;
            TimeLag.Add(new TimeLagProfile(frame.Step, frame.SigmaMax, frame.BoundFactor, frame.ForgetGateMean, frame.TimeLag, frame.Bound));
        }
        foreach (var frame in outputDepths ?? [])
            if (frame.Step > held) OutputDepths.Add(frame);
        foreach (var e in events)
        {
            if (e.Step <= held) continue;
            Count(e);
            if (_events.Count < MaxEvents) _events.Add(e);
        }
        Episodes.Merge(episodes);
    }

    /// <summary>
    /// Live steps aggregated for the page's <see cref="LiveView"/>: every step through <see cref="LiveDigest.LastStep"/>
    /// counts as held; the series get each metric's extremes at their steps, the grid its pre-aggregated columns.
    /// </summary>
    public void Apply(LiveDigest digest)
    {
        if (digest.RunId != RunId || digest.LastStep <= LastStep && digest.Events.Count == 0 && digest.Episodes.Count == 0) return;
        var held = LastStep;
        if (digest.LastStep > held)
        {
            var first = Math.Max(held + 1, digest.FirstStep);
            if (held > 0 && first > held + 1) MissingSteps += first - held - 1;
            if (FirstLiveStep == 0) FirstLiveStep = first;
            StepsReceived += digest.LastStep - first + 1;
            LastStep = digest.LastStep;
        }
        foreach (var point in digest.Points)
        {
            if (point.Step <= held) continue;
            foreach (var metric in Held)
                if ((int)metric < point.Values.Length && point.Values[(int)metric] is { } value) Buffer(metric)?.Add(point.Step, value);
        }
        if (digest.Columns is { } columns && digest.LastStep > held)
        {
            EnsureGrid(columns.Layers);
            Grid?.Add(columns);
        }
        if (digest.Latest is { } latest && (LatestFrame is null || latest.Step > LatestFrame.Step)) LatestFrame = latest;
        AddFrames(digest.Recurrent, digest.OutputDepths, digest.Events, digest.Episodes, held);
        Version++;
    }

    public void Apply(RunStatusMessage status)
    {
        if (status.RunId != RunId) return;
        Status = status.Status;
        TotalSteps = status.TotalSteps;
        Reason = status.Reason;
        Version++;
    }

    /// <summary>
    /// Starts from the stored history through step <paramref name="through"/>, downsampled by the Api (min-max buckets
    /// keep every spike at its step): the scalar series and the first page of events. Steps after it then come from the hub.
    /// </summary>
    public void Seed(PackedSeries steps, IReadOnlyList<RunEventMessage> events, IReadOnlyDictionary<string, int> eventCounts, int through)
    {
        foreach (var series in steps.Series)
        {
            if (!StepMetrics.Table.TryParse(series.Field, out var metric) || Buffer(metric) is not { } buffer) continue;
            int[] at = series.StepArray();
            double[] values = series.ValueArray();
            for (var i = 0; i < at.Length && i < values.Length; i++) buffer.Add(at[i], values[i]);
            if (at.Length > 0) LastStep = Math.Max(LastStep, at[^1]);
        }
        LastStep = Math.Max(LastStep, through);
        foreach (var e in events.Where(e => e.Step <= LastStep).Take(MaxEvents)) _events.Add(e);
        ClipEvents = eventCounts.GetValueOrDefault(RunEventKinds.Clipping);
        NonFiniteEvents = eventCounts.GetValueOrDefault(RunEventKinds.NonFinite);
        DivergedStep = events.FirstOrDefault(e => e.Kind == RunEventKinds.Diverged)?.Step;
        Version++;
    }

    /// <summary>The step metrics held in the browser.</summary>
    private static readonly StepMetric[] Held =
        [StepMetric.Loss, StepMetric.TrainAccuracy, StepMetric.TestLoss, StepMetric.TestAccuracy, StepMetric.GradNormBefore, StepMetric.GradNormAfter, StepMetric.ClipScale,
         StepMetric.PopulationLoss, StepMetric.PopulationDiversity, StepMetric.Evaluations];

    /// <summary>The scalar fields <see cref="Seed"/> reads, by their Api names.</summary>
    public static readonly string SeriesFields = string.Join(',', Held.Select(m => StepMetrics.Table[m].Name));

    private SeriesBuffer? Buffer(StepMetric metric) => metric switch
    {
        StepMetric.Loss => Loss,
        StepMetric.TrainAccuracy => TrainAccuracy,
        StepMetric.TestLoss => TestLoss,
        StepMetric.TestAccuracy => TestAccuracy,
        StepMetric.GradNormBefore => GradNormBefore,
        StepMetric.GradNormAfter => GradNormAfter,
        StepMetric.ClipScale => ClipScale,
        StepMetric.PopulationLoss => PopulationLoss,
        StepMetric.PopulationDiversity => PopulationDiversity,
        StepMetric.Evaluations => Evaluations,
        _ => null,
    };

    /// <summary>The stored depth profile of the newest step held (every field), exact, as the newest layer frame.</summary>
    public void Merge(DepthProfile profile)
    {
        if (profile.RunId != RunId || profile.Layers.Count == 0 || (LatestFrame is { } latest && latest.Step >= profile.Step)) return;
        var layers = profile.Layers.Max(l => l.Layer);
        var values = new double?[LayerMetrics.Table.All.Count][];
        for (var f = 0; f < values.Length; f++) values[f] = new double?[layers];
        for (var i = 0; i < profile.Fields.Count; i++)
        {
            if (!LayerMetrics.Table.TryParse(profile.Fields[i], out var metric)) continue;
            foreach (var layer in profile.Layers) values[LayerMetrics.Table[metric].Ordinal][layer.Layer - 1] = layer.Values[i];
        }
        EnsureGrid(layers);
        LatestFrame = new LayerFrame(profile.Step, values);
        Version++;
    }

    /// <summary>Adds the Api's heatmap of one field (fetched over HTTP to fill what the hub thinned or missed).</summary>
    public void Merge(Heatmap heatmap)
    {
        if (heatmap.RunId != RunId || heatmap.Values.Count == 0) return;
        EnsureGrid(heatmap.Values.Count);
        if (Grid is null) return;
        Grid.Merge(ChartedMetrics.IndexOf(heatmap.Field), heatmap);
        Version++;
    }

    /// <summary>Adds the episodes fetched over HTTP (the newer state of each wins over what the hub sent).</summary>
    public void Merge(IReadOnlyList<RunEpisode> episodes)
    {
        Episodes.Merge(episodes);
        Version++;
    }

    /// <summary>Adds profiles fetched over HTTP (older than the live ones).</summary>
    public void Merge(TimeLagProfiles profiles)
    {
        foreach (var p in profiles.Profiles) TimeLag.Add(p);
        Version++;
    }

    /// <summary>Adds a hierarchical-softmax run's stored per-depth series (older than the live ones).</summary>
    public void MergeOutputDepths(SeriesResponse stored)
    {
        OutputDepths.Seed(stored);
        Version++;
    }

    private void Count(RunEventMessage e)
    {
        switch (e.Kind)
        {
            case RunEventKinds.Clipping: ClipEvents++; break;
            case RunEventKinds.NonFinite: NonFiniteEvents++; break;
            case RunEventKinds.Diverged: DivergedStep ??= e.Step; break;
        }
    }
}
