using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Models;
using GradientService.Core.Training;

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
    private static void CheckTask(
        ModelSpec model, ModelArchitecture? architecture, TrainingSpec training, DataSpec data, DataShape shape, SpecErrorList errors)
    {
        var dataName = SpecErrorList.Name(data.Kind);
        if (architecture is not null)
        {
            var name = SpecErrorList.Name(model.Architecture);
            if (architecture.TakesSequences && !shape.IsSequence)
                errors.Add("model.architecture", $"{name} needs a sequence data set; {dataName} is not one");
            else if (!architecture.TakesSequences && shape.IsSequence)
                errors.Add("model.architecture", $"{dataName} is a sequence data set; it needs {SequenceArchitectures}, not {name}");
            else
                architecture.CheckTask(model, shape, dataName, errors);
        }
        if (training.Loss is LossKind.CrossEntropy or LossKind.Bce or LossKind.BceSum or LossKind.Quadratic && !shape.IsClassification)
            errors.Add("training.loss", $"{SpecErrorList.Name(training.Loss)} needs a classification data set; {dataName} has real-valued targets (use mse)");
        if (training.Output == OutputLayer.HierarchicalSoftmax) CheckHierarchicalSoftmax(model, training, shape, dataName, errors);
        var split = Split(data);
        if (split is { } made && data.TrainSubset > made.Train)
            errors.Add("data.trainSubset", SpecErrorList.Invariant(
                $"must be at most the {made.Train} training examples (the examples made less the data.testFraction held out); got {data.TrainSubset}"));
        else if (!errors.Any("training.batchSize") && split is { } s && training.BatchSize > TrainCount(s.Train, data))
            errors.Add("training.batchSize", data.TrainSubset > 0
                ? SpecErrorList.Invariant($"must be at most the {data.TrainSubset} examples of data.trainSubset; got {training.BatchSize}")
                : SpecErrorList.Invariant($"must be at most the {s.Train} training examples (the examples made less the data.testFraction held out); got {training.BatchSize}"));
    }

    /// <summary>The examples a run trains on: <see cref="DataSpec.TrainSubset"/> when set, else the whole training split.</summary>
    private static int TrainCount(int train, DataSpec data) => data.TrainSubset > 0 ? Math.Min(data.TrainSubset, train) : train;

    /// <summary>The tree's read-out replaces a feedforward net's softmax: it needs its loss, classes and a hidden layer under it.</summary>
    private static void CheckHierarchicalSoftmax(ModelSpec model, TrainingSpec training, DataShape shape, string dataName, SpecErrorList errors)
    {
        const string field = "training.output";
        if (training.Loss != LossKind.CrossEntropy)
            errors.Add(field, $"hierarchical-softmax is the cross-entropy of a tree of logistic units; it needs training.loss cross-entropy, got {SpecErrorList.Name(training.Loss)}");
        else if (!shape.IsClassification)
            errors.Add(field, $"hierarchical-softmax needs a classification data set; {dataName} has real-valued targets");
        if (model is not FeedForwardSpec)
            errors.Add(field, $"hierarchical-softmax is built on mlp and residual-mlp; got {SpecErrorList.Name(model.Architecture)}");
    }

    /// <summary>"rnn, lstm or gru": the architectures that take sequence data sets.</summary>
    private static readonly string SequenceArchitectures = Or([.. Architectures.All.Where(a => a.Value.TakesSequences).Select(a => SpecErrorList.Name(a.Key))]);

    private static string Or(string[] names) => names.Length < 2 ? string.Join("", names) : string.Join(", ", names[..^1]) + " or " + names[^1];

    /// <summary>Parameter count and activation memory against <see cref="Limits"/>, once the sizes they come from are valid.</summary>
    private static void CheckResources(
        ModelSpec model, ModelArchitecture architecture, TrainingSpec training, DataSpec data, DataShape shape, SpecErrorList errors)
    {
        if (errors.Any("model.depth") || errors.Any("model.width") || errors.Any("model.widths")) return;
        var parameters = architecture.Parameters(model, shape);
        if (parameters > Limits.MaxParameters)
        {
            // The activations of a model this size would be reported against "model" too: one error says it.
            errors.Add("model", SpecErrorList.Invariant(
                $"has {parameters} trainable parameters; at most {Limits.MaxParameters} are allowed (reduce model.depth or model.width)"));
            return;
        }
        if (errors.Any("training.batchSize")) return;

        // The trainer sizes its buffers for the larger of a training batch and an evaluation chunk of the test split.
        var evaluationRows = Math.Min(Trainer.EvaluationChunk, Split(data)?.Test ?? Trainer.EvaluationChunk);
        var rows = Math.Max(training.BatchSize, evaluationRows);
        var activations = architecture.ActivationElements(model, shape, rows);
        if (activations <= Limits.MaxActivationElements) return;
        var rowsSource = rows == training.BatchSize ? "the batch" : "an evaluation chunk";
        errors.Add(rows == training.BatchSize ? "training.batchSize" : "model", SpecErrorList.Invariant(
            $"keeps {activations} activation elements for backprop ({architecture.ActivationFormula}, with {rows} rows for {rowsSource}); at most {Limits.MaxActivationElements} are allowed (reduce training.batchSize, model.depth or model.width)"));
    }

    /// <summary>
    /// Training and test examples of a generated data set, by the data code's own arithmetic (examples made, split by
    /// TrainTestSplit); null for CSV data, whose row count only the parsed file knows.
    /// </summary>
    private static (int Train, int Test)? Split(DataSpec data)
    {
        if (DataSets.Of(data.Kind) is not { ReadsFile: false }) return null;
        var examples = data.Kind == DatasetKind.Parity ? Parity.Count(data) : data.Samples;
        // TestCount keeps both splits non-empty, which needs two examples (the data checks ask for more).
        var test = examples < 2 ? 0 : TrainTestSplit.TestCount(examples, data.TestFraction);
        return (examples - test, test);
    }
}
