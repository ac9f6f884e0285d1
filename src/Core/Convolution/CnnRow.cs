namespace GradientService.Core.Convolution;

/// <summary>
/// One telemetry row of a cnn: a conv2d, linear or residual entry <see cref="First"/>, with the batchnorm2d and
/// activation entries right after it folded in up to <see cref="Last"/> (as an mlp folds its norm and φ into its dense row).
/// </summary>
internal sealed record CnnRow(int First, int Last, CnnOp Op, bool IsReadout)
{
    /// <summary>The row's <see cref="Training.LayerInfo.Kind"/>: "conv", "residual", "linear" or "readout".</summary>
    public string Kind => IsReadout ? "readout" : Op switch { CnnOp.Conv2d => "conv", CnnOp.Residual => "residual", _ => "linear" };

    /// <summary>Rows by entry: each conv2d, linear and residual starts one; a batchnorm2d or activation right after a
    /// row's last entry joins it. <paramref name="group"/> gives each entry's row (an entry outside every row: the row
    /// before it, or the first).</summary>
    public static CnnRow[] Of(CnnEntry[] entries, out int[] group)
    {
        var rows = new List<CnnRow>();
        group = new int[entries.Length];
        for (var i = 0; i < entries.Length; i++)
        {
            var op = entries[i].Op;
            if (op is CnnOp.Conv2d or CnnOp.Linear or CnnOp.Residual)
                rows.Add(new CnnRow(i, i, op, op == CnnOp.Linear && i == entries.Length - 1));
            else if (op is CnnOp.BatchNorm2d or CnnOp.Activation && rows.Count > 0 && rows[^1].Last == i - 1 && !rows[^1].IsReadout)
                rows[^1] = rows[^1] with { Last = i };
            group[i] = Math.Max(0, rows.Count - 1);
        }
        return [.. rows];
    }
}
