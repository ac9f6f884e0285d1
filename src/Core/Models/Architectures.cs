using GradientService.Contracts.Spec;

namespace GradientService.Core.Models;

/// <summary>
/// The registry of architectures: one entry per <see cref="Architecture"/>, each naming its spec record (the JSON
/// discriminator in <see cref="ModelSpec"/> picks the same record), its checks, size and network. Adding an
/// architecture is an enum value, a record with its [JsonDerivedType] line, one entry here and its own files.
/// </summary>
internal static class Architectures
{
    private static readonly Dictionary<Architecture, ModelArchitecture> Entries = new()
    {
        [Architecture.Mlp] = new FeedForwardArchitecture<MlpSpec>(),
        [Architecture.ResidualMlp] = new FeedForwardArchitecture<ResidualMlpSpec>(),
        [Architecture.Rnn] = new RecurrentArchitecture<RnnSpec>(),
        [Architecture.Lstm] = new RecurrentArchitecture<LstmSpec>(),
        [Architecture.Gru] = new RecurrentArchitecture<GruSpec>(),
        [Architecture.Cnn] = new CnnArchitecture(),
        [Architecture.Transformer] = new TransformerArchitecture(),
    };

    /// <summary>Every architecture, in the enum's order.</summary>
    public static IReadOnlyDictionary<Architecture, ModelArchitecture> All => Entries;

    /// <summary>The entry of <paramref name="model"/>'s architecture.</summary>
    public static ModelArchitecture Of(ModelSpec model) => Entries[model.Architecture];
}
