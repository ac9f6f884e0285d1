namespace GradientService.Core.Training;

internal sealed partial class Trainer<T>
{
    /// <summary>
    /// |prediction − target| of every target of the held-out split at the current weights (evaluation mode), in split
    /// order; regression only. The reproductions count the sequences a net gets wrong by the sources' error criteria.
    /// </summary>
    public double[] TestAbsoluteErrors()
    {
        if (_data.IsClassification) throw new InvalidOperationException("Absolute errors are defined for regression targets only.");
        var test = _data.Test;
        var errors = new List<double>(test.Count);
        for (var start = 0; start < test.Count; start += _evalBatch.Capacity)
        {
            var count = Math.Min(_evalBatch.Capacity, test.Count - start);
            _evalBatch.Load(test, _evalIndices.AsSpan(start, count));
            var predictions = _net.Forward(_evalBatch.Inputs, false, null).Span;
            var targets = _evalBatch.Targets;
            for (var i = 0; i < predictions.Length; i++) errors.Add(Math.Abs(double.CreateTruncating(predictions[i] - targets[i])));
        }
        return [.. errors];
    }
}
