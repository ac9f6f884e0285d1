using GradientService.Core.Data;
using GradientService.Core.Tensors;

namespace GradientService.Core.Training;

/// <summary>A batch of examples copied into the run's precision: inputs [rows, features], and labels or targets.</summary>
internal sealed class Batch<T> where T : unmanaged, IFloatingPointIeee754<T>
{
    private readonly Matrix<T> _inputs;
    private readonly int[] _labels;
    private readonly T[] _targets;
    private readonly Dataset _data;

    public Batch(Dataset data, int capacity)
    {
        _data = data;
        _inputs = new Matrix<T>(capacity, data.SequenceLength * data.InputSize);
        _labels = new int[data.IsClassification ? capacity * data.TargetsPerExample : 0];
        _targets = new T[data.IsClassification ? 0 : capacity * data.TargetsPerExample * data.OutputSize];
    }

    public int Capacity => _inputs.Rows;

    /// <summary>Examples in the batch.</summary>
    public int Rows { get; private set; }

    public MatrixView<T> Inputs => _inputs.FirstRows(Rows);

    /// <summary>Class indices, one per prediction (classification), else empty.</summary>
    public ReadOnlySpan<int> Labels => _labels.AsSpan(0, _data.IsClassification ? Rows * _data.TargetsPerExample : 0);

    /// <summary>Target values [predictions, outputs] (regression), else empty.</summary>
    public ReadOnlySpan<T> Targets => _targets.AsSpan(0, _data.IsClassification ? 0 : Rows * _data.TargetsPerExample * _data.OutputSize);

    /// <summary>Copies the examples <paramref name="indices"/> of <paramref name="split"/> into the batch.</summary>
    public void Load(Dataset.Split split, ReadOnlySpan<int> indices)
    {
        Rows = indices.Length;
        var features = _inputs.Cols;
        var perExample = _data.TargetsPerExample;
        var outputs = _data.OutputSize;
        for (var r = 0; r < indices.Length; r++)
        {
            var e = indices[r];
            var source = split.Features.AsSpan(e * features, features);
            var row = _inputs.Row(r);
            for (var j = 0; j < features; j++) row[j] = T.CreateTruncating(source[j]);
            if (_data.IsClassification)
                split.Labels.AsSpan(e * perExample, perExample).CopyTo(_labels.AsSpan(r * perExample));
            else
                for (var j = 0; j < perExample * outputs; j++)
                    _targets[r * perExample * outputs + j] = T.CreateTruncating(split.Targets[e * perExample * outputs + j]);
        }
    }
}
