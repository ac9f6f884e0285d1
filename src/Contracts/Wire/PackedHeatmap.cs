namespace GradientService.Contracts.Wire;

/// <summary>
/// The MessagePack answer of the heatmap endpoint (<see cref="PackedWire"/>): <see cref="Heatmap"/> with its columns'
/// steps as int32 and its cells as one float64 block (<see cref="LittleEndian"/>), <see cref="Layers"/> rows of
/// <see cref="Columns"/> cells, layer 1 first; <c>NonFinite</c> is one byte per cell in the same order, 1 where a NaN
/// or ±∞ occurred.
/// </summary>
public sealed record PackedHeatmap(
    Guid RunId, string Field, string Aggregate, int From, int To, int Layers, int Columns,
    byte[] ColumnFirstSteps, byte[] ColumnLastSteps, byte[] Values, byte[] NonFinite)
{
    public static PackedHeatmap Of(Heatmap heatmap)
    {
        int layers = heatmap.Values.Count, columns = heatmap.ColumnFirstSteps.Count;
        var values = new double[layers * columns];
        var nonFinite = new byte[layers * columns];
        for (var l = 0; l < layers; l++)
        {
            heatmap.Values[l].AsSpan(0, columns).CopyTo(values.AsSpan(l * columns));
            for (var c = 0; c < columns; c++) nonFinite[l * columns + c] = heatmap.NonFinite[l][c] ? (byte)1 : (byte)0;
        }
        return new PackedHeatmap(heatmap.RunId, heatmap.Field, heatmap.Aggregate, heatmap.From, heatmap.To, layers, columns,
            LittleEndian.Bytes([.. heatmap.ColumnFirstSteps]), LittleEndian.Bytes([.. heatmap.ColumnLastSteps]), LittleEndian.Bytes(values), nonFinite);
    }

    /// <summary>The record the JSON form answers, one array per layer.</summary>
    public Heatmap ToHeatmap()
    {
        var values = LittleEndian.Doubles(Values);
        var rows = new double[Layers][];
        var flags = new bool[Layers][];
        for (var l = 0; l < Layers; l++)
        {
            rows[l] = values.AsSpan(l * Columns, Columns).ToArray();
            flags[l] = new bool[Columns];
            var flagged = NonFinite.AsSpan(l * Columns, Columns);
            if (!flagged.ContainsAnyExcept((byte)0)) continue; // most rows: no cell flagged, one vectorised scan
            for (var c = 0; c < Columns; c++) flags[l][c] = flagged[c] != 0;
        }
        return new Heatmap(RunId, Field, Aggregate, From, To, LittleEndian.Ints(ColumnFirstSteps), LittleEndian.Ints(ColumnLastSteps), rows, flags);
    }
}
