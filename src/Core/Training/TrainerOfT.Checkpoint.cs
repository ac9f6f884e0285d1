using System.Globalization;
using GradientService.Core.Convolution;
using GradientService.Core.Export;
using GradientService.Core.Models;

namespace GradientService.Core.Training;

internal sealed partial class Trainer<T>
{
    /// <summary>Format tag in a checkpoint's metadata; bump it when the layout changes.</summary>
    public const string CheckpointFormat = "gradientservice-checkpoint/1";

    private const string FormatKey = "format", StepKey = "step", PositionKey = "sampler.position", RngKey = "sampler.rng";
    private const string OrderTensor = "sampler.order";

    public override void SaveCheckpoint(Stream destination)
    {
        var sampler = _run.Sampler;
        var metadata = new Dictionary<string, string>
        {
            [FormatKey] = CheckpointFormat,
            [StepKey] = _stepsDone.ToString(CultureInfo.InvariantCulture),
            [PositionKey] = sampler.Position.ToString(CultureInfo.InvariantCulture),
            [RngKey] = string.Join(',', sampler.Rng.State.Select(w => w.ToString(CultureInfo.InvariantCulture))),
        };
        var tensors = new List<SafeTensor>();
        AddModelTensors(tensors);
        _method.SaveState(tensors, metadata);
        foreach (var (name, data) in _net.ProbeState) tensors.Add(SafeTensor.Of<double>(name, data, data.Length));
        tensors.Add(SafeTensor.Of<int>(OrderTensor, sampler.Order, sampler.Order.Length));
        SafeTensorsWriter.Write(destination, tensors, metadata);
    }

    public override void LoadCheckpoint(Stream source)
    {
        var file = SafeTensorsFile.Read(source);
        if (!file.Metadata.TryGetValue(FormatKey, out var format) || format != CheckpointFormat)
            throw new SafeTensorsFormatException($"Not a {CheckpointFormat} file (format '{format}').");
        ReadModelTensors(file, requireBuffers: true);
        _method.LoadState(file);
        // A checkpoint written before the probes kept state resumes them from their cold start.
        foreach (var (name, data) in _net.ProbeState)
        {
            if (file.Contains(name)) file.ReadInto<double>(name, data);
            else Array.Clear(data);
        }
        var sampler = _run.Sampler;
        file.ReadInto<int>(OrderTensor, sampler.Order);
        sampler.Position = int.Parse(file.Metadata[PositionKey], CultureInfo.InvariantCulture);
        sampler.Rng.State = [.. file.Metadata[RngKey].Split(',').Select(w => ulong.Parse(w, CultureInfo.InvariantCulture))];
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
        foreach (var (key, value) in Architectures.Of(_spec.Model).ExportMetadata(_spec, _net)) metadata[key] = value;
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
                file.ReadInto<T>(name, data);
        }
    }
}
