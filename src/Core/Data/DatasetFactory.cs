using GradientService.Core.Spec;
using GradientService.Core.Training;

namespace GradientService.Core.Data;

/// <summary>Builds the data set a spec names. Interim: the generators land with the data work.</summary>
public static class DatasetFactory
{
    /// <summary>Adds a <see cref="SpecError"/> (field "data.…") for every problem in <paramref name="data"/>.</summary>
    public static void Validate(DataSpec data, ICollection<SpecError> errors) => _ = (data, errors);

    /// <summary>The shape <see cref="Create"/> will produce; call after <see cref="Validate"/> found no problem.</summary>
    public static DataShape Shape(DataSpec data) => data.Kind switch
    {
        DatasetKind.Moons => new DataShape(2, 2, true, 1, 1, false),
        _ => throw new NotSupportedException($"Data set {data.Kind} is not built yet."),
    };

    /// <summary>Generates (or parses) the data set; deterministic in <paramref name="rng"/>'s state.</summary>
    public static Dataset Create(DataSpec data, Rng rng) => throw new NotSupportedException($"Data set {data.Kind} is not built yet.");
}
