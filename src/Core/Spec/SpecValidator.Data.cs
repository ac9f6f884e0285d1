using GradientService.Core.Data;

namespace GradientService.Core.Spec;

public static partial class SpecValidator
{
    /// <summary>The data set's shape once its own checks pass; null (with the reasons added) otherwise.</summary>
    private static DataShape? ShapeOf(
        DataSpec data, Action<DataSpec, ICollection<SpecError>> validateData, Func<DataSpec, DataShape> shapeOf, SpecErrorList errors)
    {
        var before = errors.Count;
        validateData(data, errors.Errors);
        if (errors.Count > before) return null;
        try
        {
            return shapeOf(data);
        }
        catch (NotSupportedException e)
        {
            // A data set named by the enum but not built yet is the caller's problem to fix, not a defect.
            errors.Add("data.kind", e.Message);
            return null;
        }
    }

    /// <summary>Rules between the model, the loss and the data set.</summary>
    private static void CheckTask(ModelSpec model, TrainingSpec training, DataSpec data, DataShape shape, SpecErrorList errors)
    {
        var dataName = SpecErrorList.Name(data.Kind);
        if (Enum.IsDefined(model.Architecture))
        {
            var name = SpecErrorList.Name(model.Architecture);
            var recurrent = ModelSize.IsRecurrent(model.Architecture);
            if (recurrent && !shape.IsSequence)
                errors.Add("model.architecture", $"{name} needs a sequence data set; {dataName} is not one");
            if (!recurrent && shape.IsSequence)
                errors.Add("model.architecture", $"{dataName} is a sequence data set; it needs rnn, lstm or gru, not {name}");
            if (recurrent && shape.IsSequence) CheckSequence(model, shape, dataName, errors);
        }
        if (training.Loss is LossKind.CrossEntropy or LossKind.Bce && !shape.IsClassification)
            errors.Add("training.loss", $"{SpecErrorList.Name(training.Loss)} needs a classification data set; {dataName} has real-valued targets (use mse)");
        if (!errors.Any("training.batchSize") && TrainExamples(data) is { } train && training.BatchSize > train)
            errors.Add("training.batchSize", SpecErrorList.Invariant(
                $"must be at most the {train} training examples (the examples made less the data.testFraction held out); got {training.BatchSize}"));
    }

    private static void CheckSequence(ModelSpec model, DataShape shape, string dataName, SpecErrorList errors)
    {
        var everyStep = shape.TargetsPerExample > 1;
        if (model.Output == OutputMode.Every && !everyStep)
            errors.Add("model.output", $"every needs a target at every step; {dataName} has one per sequence (use last)");
        if (model.Output == OutputMode.Last && everyStep)
            errors.Add("model.output", $"{dataName} has a target at every step; use every");
        if (model.BpttLength is { } bptt && !errors.Any("model.bpttLength") && bptt > shape.SequenceLength)
            errors.Add("model.bpttLength", SpecErrorList.Invariant($"must be at most the sequence length {shape.SequenceLength}; got {bptt}"));
    }

    /// <summary>Parameter count and activation memory against <see cref="Limits"/>, once the sizes they come from are valid.</summary>
    private static void CheckResources(ModelSpec model, TrainingSpec training, DataShape shape, SpecErrorList errors)
    {
        if (!Enum.IsDefined(model.Architecture) || errors.Any("model.depth") || errors.Any("model.width") || errors.Any("model.widths")) return;
        var parameters = ModelSize.Parameters(model, shape);
        if (parameters > Limits.MaxParameters)
            errors.Add("model", SpecErrorList.Invariant(
                $"has {parameters} trainable parameters; at most {Limits.MaxParameters} are allowed (reduce model.depth or model.width)"));
        if (errors.Any("training.batchSize")) return;
        var activations = ModelSize.ActivationElements(model, shape, training.BatchSize);
        if (activations > Limits.MaxActivationElements)
            errors.Add("training.batchSize", SpecErrorList.Invariant(
                $"keeps {activations} activation elements for backprop ({(ModelSize.IsRecurrent(model.Architecture) ? "batch × T × H × layers" : "batch × hidden units")}); at most {Limits.MaxActivationElements} are allowed (reduce training.batchSize, model.depth or model.width)"));
    }

    /// <summary>
    /// Training examples of a generated data set, by the data code's own arithmetic (examples made, less the test split);
    /// null for CSV data, whose row count only the parsed file knows.
    /// </summary>
    private static int? TrainExamples(DataSpec data)
    {
        if (data.Kind is DatasetKind.Csv or DatasetKind.CsvSequences) return null;
        var examples = data.Kind == DatasetKind.Parity ? Parity.Count(data) : data.Samples;
        // TestCount keeps both splits non-empty, which needs two examples (the data checks ask for more).
        return examples < 2 ? examples : examples - TrainTestSplit.TestCount(examples, data.TestFraction);
    }
}
