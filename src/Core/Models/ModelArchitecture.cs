using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Layers;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Models;

/// <summary>
/// The engine's side of one architecture (its spec record lives in src/Contracts): the checks of its fields, its size
/// before it is built, and the network. <see cref="Architectures"/> holds one per <see cref="Architecture"/>.
/// </summary>
internal abstract class ModelArchitecture
{
    /// <summary>The spec record that the JSON discriminator "architecture" picks.</summary>
    public abstract Type SpecType { get; }

    /// <summary>True when it trains on sequence data sets (the recurrent tasks); false for one feature row per example.</summary>
    public abstract bool TakesSequences { get; }

    /// <summary>How <see cref="ActivationElements"/> counts, for the limit's message ("rows × hidden units").</summary>
    public abstract string ActivationFormula { get; }

    /// <summary>Adds an error (fields "model.…") for each field out of range or at odds with the architecture.</summary>
    public virtual void Check(ModelSpec model, SpecErrorList errors)
    {
        errors.Between("model.depth", model.Depth, 1, Limits.MaxDepth);
        errors.Between("model.width", model.Width, 1, Limits.MaxWidth);
        errors.Defined("model.activation", model.Activation);
        errors.Between("model.leakyReluSlope", model.LeakyReluSlope, 0, Limits.MaxLeakyReluSlope);
        errors.Between("model.eluAlpha", model.EluAlpha, 0, Limits.MaxEluAlpha);
    }

    /// <summary>Init fields at odds with the architecture (after the init's own range checks).</summary>
    public virtual void CheckInit(ModelSpec model, InitSpec init, SpecErrorList errors)
    {
    }

    /// <summary>The init fields of a recurrent matrix, for an architecture that has none.</summary>
    protected static void RejectRecurrentInit(ModelSpec model, InitSpec init, SpecErrorList errors)
    {
        var message = $"applies to recurrent nets only; got {SpecErrorList.Name(model.Architecture)}";
        if (init.RecurrentScheme is not null && !errors.Any("init.recurrentScheme")) errors.Add("init.recurrentScheme", message);
        if (init.SpectralRadius is not null && !errors.Any("init.spectralRadius")) errors.Add("init.spectralRadius", message);
        if (init.MaxSingularValue is not null && !errors.Any("init.maxSingularValue")) errors.Add("init.maxSingularValue", message);
    }

    /// <summary>Rules between the model and a data set of the kind it takes (<see cref="TakesSequences"/> already holds).</summary>
    public virtual void CheckTask(ModelSpec model, DataShape shape, string dataName, SpecErrorList errors)
    {
    }

    /// <summary>Settings a weight export's __metadata__ carries besides the tensors (the oracle's keys, so that the file
    /// loads into it as it stands); none by default.</summary>
    public virtual IEnumerable<(string Key, string Value)> ExportMetadata<T>(RunSpec spec, INetwork<T> net) where T : unmanaged, IFloatingPointIeee754<T> => [];

    /// <summary>Trainable parameters of the network built for <paramref name="shape"/>.</summary>
    public abstract long Parameters(ModelSpec model, DataShape shape);

    /// <summary>Activation elements a batch of <paramref name="rows"/> keeps for backprop.</summary>
    public abstract long ActivationElements(ModelSpec model, DataShape shape, int rows);

    /// <summary>The network for <paramref name="data"/> with the read-out <paramref name="output"/> (feedforward nets only build a hierarchical softmax), with buffers for <paramref name="capacity"/> rows; weights uninitialised.</summary>
    public abstract INetwork<T> Build<T>(ModelSpec model, OutputLayer output, Dataset data, int capacity, MatrixProduct<T> mm) where T : unmanaged, IFloatingPointIeee754<T>;
}
