using System.Globalization;
using GradientService.Core.Export;

namespace GradientService.Core.Training;

internal sealed partial class Trainer<T>
{
    /// <summary>Format tag in a checkpoint's metadata; bump it when the layout changes.</summary>
    public const string CheckpointFormat = "gradientservice-checkpoint/1";

    private const string FormatKey = "format", StepKey = "step", PositionKey = "sampler.position", RngKey = "sampler.rng";
    private const string OptimizerStepKey = "optimizer.step", OrderTensor = "sampler.order";

    public override void SaveCheckpoint(Stream destination)
    {
        var tensors = new List<SafeTensor>();
        AddModelTensors(tensors);
        foreach (var (name, data) in _optimizer.StateTensors) tensors.Add(SafeTensor.Of<T>(name, data, data.Length));
        foreach (var (name, data) in _net.ProbeState) tensors.Add(SafeTensor.Of<double>(name, data, data.Length));
        tensors.Add(SafeTensor.Of<int>(OrderTensor, _sampler.Order, _sampler.Order.Length));
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = CheckpointFormat,
            [StepKey] = _stepsDone.ToString(CultureInfo.InvariantCulture),
            [PositionKey] = _sampler.Position.ToString(CultureInfo.InvariantCulture),
            [RngKey] = string.Join(',', _sampler.Rng.State.Select(w => w.ToString(CultureInfo.InvariantCulture))),
            [OptimizerStepKey] = _optimizer.StepCount.ToString(CultureInfo.InvariantCulture),
        };
        SafeTensorsWriter.Write(destination, tensors, metadata);
    }

    public override void LoadCheckpoint(Stream source)
    {
        var file = SafeTensorsFile.Read(source);
        if (!file.Metadata.TryGetValue(FormatKey, out var format) || format != CheckpointFormat)
            throw new SafeTensorsFormatException($"Not a {CheckpointFormat} file (format '{format}').");
        ReadModelTensors(file, requireBuffers: true);
        foreach (var (name, data) in _optimizer.StateTensors) ReadExact(file, name, data);
        // A checkpoint written before the probes kept state resumes them from their cold start.
        foreach (var (name, data) in _net.ProbeState)
        {
            if (file.Contains(name)) ReadExact(file, name, data);
            else Array.Clear(data);
        }
        ReadExact(file, OrderTensor, _sampler.Order);
        _sampler.Position = int.Parse(file.Metadata[PositionKey], CultureInfo.InvariantCulture);
        _sampler.Rng.State = [.. file.Metadata[RngKey].Split(',').Select(w => ulong.Parse(w, CultureInfo.InvariantCulture))];
        _optimizer.StepCount = int.Parse(file.Metadata[OptimizerStepKey], CultureInfo.InvariantCulture);
        _stepsDone = int.Parse(file.Metadata[StepKey], CultureInfo.InvariantCulture);
    }

    public override void ExportWeights(Stream destination)
    {
        var tensors = new List<SafeTensor>();
        AddModelTensors(tensors);
        var metadata = new Dictionary<string, string>
        {
            ["architecture"] = _spec.Model.Architecture.ToString().ToLowerInvariant(),
            [StepKey] = _stepsDone.ToString(CultureInfo.InvariantCulture),
        };
        SafeTensorsWriter.Write(destination, tensors, metadata);
    }

    public override void ImportWeights(Stream source) => ReadModelTensors(SafeTensorsFile.Read(source), requireBuffers: false);

    /// <summary>Parameters in PyTorch's names and shapes, then buffers (batch-norm's num_batches_tracked as I64, as PyTorch stores it).</summary>
    private void AddModelTensors(List<SafeTensor> tensors)
    {
        foreach (var p in _net.Parameters) tensors.Add(SafeTensor.Of<T>(p.Name, p.Value, p.Shape));
        foreach (var (name, data) in _net.Buffers)
        {
            if (name.EndsWith(".num_batches_tracked", StringComparison.Ordinal))
                tensors.Add(SafeTensor.Of<long>(name, new[] { long.CreateTruncating(data[0]) }, Array.Empty<int>()));
            else
                tensors.Add(SafeTensor.Of<T>(name, data, data.Length));
        }
    }

    private void ReadModelTensors(SafeTensorsFile file, bool requireBuffers)
    {
        foreach (var p in _net.Parameters)
        {
            var shape = file.Entry(p.Name).Shape;
            if (!shape.SequenceEqual(p.Shape.Select(d => (long)d)))
                throw new SafeTensorsFormatException($"{p.Name} is [{string.Join(", ", shape)}]; the model needs [{string.Join(", ", p.Shape)}].");
            file.ReadInto<T>(p.Name, p.Value);
        }
        foreach (var (name, data) in _net.Buffers)
        {
            if (!file.Contains(name))
            {
                if (requireBuffers) throw new SafeTensorsFormatException($"tensor '{name}' is missing.");
                continue;
            }
            if (name.EndsWith(".num_batches_tracked", StringComparison.Ordinal))
                data[0] = T.CreateTruncating(file.ReadAs<long>(name)[0]);
            else
                ReadExact(file, name, data);
        }
    }

    private static void ReadExact<TElement>(SafeTensorsFile file, string name, TElement[] destination) where TElement : unmanaged, INumber<TElement>
    {
        var count = file.Entry(name).ElementCount;
        if (count != destination.Length)
            throw new SafeTensorsFormatException($"{name} has {count} elements; the run needs {destination.Length}.");
        file.ReadInto<TElement>(name, destination);
    }
}
