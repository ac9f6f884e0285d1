using GradientService.Contracts.Spec;
using GradientService.Core.Data;

namespace GradientService.Core.Spec;

/// <summary>
/// Checks a whole <see cref="RunSpec"/> before training and reports every problem at once, each under the camelCase
/// JSON path of its field ("model.depth", "model.widths[2]"): each field's range (against <see cref="Limits"/>), the
/// rules that tie fields together, the data set (<see cref="DatasetFactory.Validate"/>) and the resource limits
/// (<see cref="Models.Architectures"/>). Never throws, whatever the input: null parts, NaN, ±∞, negative or huge numbers.
/// </summary>
public static partial class SpecValidator
{
    /// <summary>Every problem in <paramref name="spec"/>; empty when it can be trained.</summary>
    public static IReadOnlyList<SpecError> Validate(RunSpec spec) => Validate(spec, DatasetFactory.Validate, DatasetFactory.Shape);

    /// <summary>As <see cref="Validate(RunSpec)"/>, with the data set's own checks and shape supplied (tests use stand-ins).</summary>
    internal static IReadOnlyList<SpecError> Validate(
        RunSpec? spec, Action<DataSpec, ICollection<SpecError>> validateData, Func<DataSpec, DataShape> shapeOf)
    {
        var errors = new SpecErrorList();
        if (spec is null)
        {
            errors.Add("$", "a run spec is required");
            return errors.Errors;
        }
        if (spec.Name is { Length: > Limits.MaxNameLength } name)
            errors.Add("name", SpecErrorList.Invariant($"must be at most {Limits.MaxNameLength} characters; got {name.Length}"));

        var model = Required(spec.Model, "model", errors);
        var init = Required(spec.Init, "init", errors);
        var data = Required(spec.Data, "data", errors);
        var optimizer = Required(spec.Optimizer, "optimizer", errors);
        var clipping = Required(spec.Clipping, "clipping", errors);
        var training = Required(spec.Training, "training", errors);
        var detection = Required(spec.Detection, "detection", errors);
        var search = Required(spec.Search, "search", errors);
        var pretraining = Required(spec.Pretraining, "pretraining", errors);

        var architecture = model is null ? null : CheckModel(model, errors);
        if (init is not null) CheckInit(init, errors);
        if (init is not null && model is not null) architecture?.CheckInit(model, init, errors);
        if (optimizer is not null) CheckOptimizer(optimizer, errors);
        if (clipping is not null) CheckClipping(clipping, errors);
        if (training is not null) CheckTraining(training, errors);
        if (detection is not null) CheckDetection(detection, errors);
        if (search is not null && training is not null) CheckSearch(search, training, optimizer, clipping, errors);
        if (pretraining is not null) CheckPretraining(pretraining, model, errors);
        if (pretraining is { Kind: not PretrainingKind.None } && training is { Method: not TrainingMethod.Backprop })
            errors.Add("pretraining.kind", $"must be none with training.method {SpecErrorList.Name(training.Method)}: pretraining is followed by backprop fine-tuning; got {SpecErrorList.Name(pretraining.Kind)}");

        var shape = data is null ? null : ShapeOf(data, validateData, shapeOf, errors);
        if (shape is not null && data is not null && model is not null && training is not null)
        {
            CheckTask(model, architecture, training, data, shape, errors);
            if (architecture is not null) CheckResources(model, architecture, training, data, shape, errors);
            if (architecture is not null && search is not null && !errors.Any("model")) CheckPopulationSize(search, training, architecture.Parameters(model, shape), errors);
        }
        return errors.Errors;
    }

    private static T? Required<T>(T? part, string field, SpecErrorList errors) where T : class
    {
        if (part is null) errors.Add(field, "is required");
        return part;
    }
}
