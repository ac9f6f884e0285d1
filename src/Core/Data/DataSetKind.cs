using GradientService.Contracts.Spec;
using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>
/// One data set kind's entry in <see cref="DataSets"/>: its field checks (fields "data.…"), the shape it produces, and
/// how to make every example. <see cref="ReadsFile"/>: the examples come from the spec's own text, checked while it is
/// read (once), and their count is known only then.
/// </summary>
internal sealed record DataSetKind(
    Action<DataSpec, ICollection<SpecError>> Validate,
    Func<DataSpec, DataShape> Shape,
    Func<DataSpec, Rng, (DataShape Shape, Dataset.Split All)> Create,
    bool ReadsFile = false)
{
    /// <summary>A seeded generator: shape known from the spec, examples drawn with the run's generator.</summary>
    public static DataSetKind Generated(
        Action<DataSpec, ICollection<SpecError>> validate, Func<DataSpec, DataShape> shape, Func<DataSpec, Rng, Dataset.Split> generate) =>
        new(validate, shape, (data, rng) => (shape(data), generate(data, rng)));

    /// <summary>Examples parsed from the spec's text (CSV).</summary>
    public static DataSetKind Read(
        Action<DataSpec, ICollection<SpecError>> validate, Func<DataSpec, DataShape> shape, Func<DataSpec, (DataShape, Dataset.Split)> create) =>
        new(validate, shape, (data, _) => create(data), ReadsFile: true);
}
