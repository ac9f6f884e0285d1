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
    private readonly int _perExample;

    /// <param name="data">The data set whose examples the batch holds.</param>
    /// <param name="capacity">Most examples per batch.</param>
    /// <param name="targetsPerExample">The data set's targets per example, or 1 to keep only the last (a read-out on the last step).</param>
    public Batch(Dataset data, int capacity, int targetsPerExample)
    {
        _data = data;
        _perExample = targetsPerExample;
        _inputs = new Matrix<T>(capacity, data.SequenceLength * data.InputSize);
        _labels = new int[data.IsClassification ? capacity * targetsPerExample : 0];
        _targets = new T[data.IsClassification ? 0 : capacity * targetsPerExample * data.OutputSize];
    }

    public int Capacity => _inputs.Rows;

    /// <summary>Examples in the batch.</summary>
    public int Rows { get; private set; }

    public MatrixView<T> Inputs => _inputs.FirstRows(Rows);

    /// <summary>Class indices, one per prediction (classification), else empty.</summary>
    public ReadOnlySpan<int> Labels => _labels.AsSpan(0, _data.IsClassification ? Rows * _perExample : 0);

    /// <summary>Target values [predictions, outputs] (regression), else empty.</summary>
    public ReadOnlySpan<T> Targets => _targets.AsSpan(0, _data.IsClassification ? 0 : Rows * _perExample * _data.OutputSize);

    /// <summary>Copies the examples <paramref name="indices"/> of <paramref name="split"/> into the batch.</summary>
    public void Load(Dataset.Split split, ReadOnlySpan<int> indices)
    {
        Rows = indices.Length;
        var features = _inputs.Cols;
        var stored = _data.TargetsPerExample;
        var kept = _perExample;
        var skip = stored - kept;
        var outputs = _data.OutputSize;
        for (var r = 0; r < indices.Length; r++)
        {
            var e = indices[r];
            var source = split.Features.AsSpan(e * features, features);
            var row = _inputs.Row(r);
            for (var j = 0; j < features; j++) row[j] = T.CreateTruncating(source[j]);
            if (_data.IsClassification)
                split.Labels.AsSpan(e * stored + skip, kept).CopyTo(_labels.AsSpan(r * kept));
            else
                for (var j = 0; j < kept * outputs; j++)
                    _targets[r * kept * outputs + j] = T.CreateTruncating(split.Targets[(e * stored + skip) * outputs + j]);
        }
    }
}
