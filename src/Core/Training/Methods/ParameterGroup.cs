using GradientService.Core.Layers;

namespace GradientService.Core.Training.Methods;

/// <summary>
/// The parameters a training method trains, in the net's order; the others are frozen: the optimizer and clipping see
/// only the group, so frozen parameters and their optimizer state are left untouched.
/// </summary>
internal sealed class ParameterGroup<T> where T : unmanaged
{
    private ParameterGroup(IReadOnlyList<Parameter<T>> all, int[] indices, int layers)
    {
        Indices = indices;
        Parameters = [.. indices.Select(i => all[i])];
        TrainedLayers = new bool[layers];
        foreach (var i in indices) TrainedLayers[all[i].Group] = true;
    }

    /// <summary>Index in the net's <see cref="INetwork{T}.Parameters"/> of each trained parameter, ascending.</summary>
    public int[] Indices { get; }

    /// <summary>The trained parameters, in the net's order.</summary>
    public IReadOnlyList<Parameter<T>> Parameters { get; }

    /// <summary>Per 0-based layer (<see cref="Parameter{T}.Group"/>), whether any of its parameters is trained.</summary>
    public bool[] TrainedLayers { get; }

    /// <summary>Every parameter of a net with <paramref name="layers"/> layers.</summary>
    public static ParameterGroup<T> All(IReadOnlyList<Parameter<T>> parameters, int layers) =>
        new(parameters, [.. Enumerable.Range(0, parameters.Count)], layers);

    /// <summary>The parameters of the 0-based layers <paramref name="trained"/>; the rest frozen.</summary>
    public static ParameterGroup<T> OfLayers(IReadOnlyList<Parameter<T>> parameters, int layers, params int[] trained) =>
        new(parameters, [.. Enumerable.Range(0, parameters.Count).Where(i => trained.Contains(parameters[i].Group))], layers);
}
