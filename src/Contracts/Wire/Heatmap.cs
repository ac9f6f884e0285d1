namespace GradientService.Contracts.Wire;

/// <summary>
/// A layer × step matrix of one field. Column c covers steps <see cref="ColumnFirstSteps"/>[c] … <see cref="ColumnLastSteps"/>[c];
/// <see cref="Values"/>[l][c] is the <see cref="Aggregate"/> (max, min or mean) of layer l + 1's finite values there
/// (NaN when the cell holds no finite value), and <see cref="NonFinite"/>[l][c] says whether a NaN or ±∞ occurred in it.
/// </summary>
public sealed record Heatmap(
    Guid RunId,
    string Field,
    string Aggregate,
    int From,
    int To,
    IReadOnlyList<int> ColumnFirstSteps,
    IReadOnlyList<int> ColumnLastSteps,
    IReadOnlyList<double[]> Values,
    IReadOnlyList<bool[]> NonFinite);
