using GradientService.Contracts.Schema;
using GradientService.Contracts.Spec;
using GradientService.Core.Data;
using GradientService.Core.Models;

namespace GradientService.Core.Tests.Models;

public class ArchitecturesTests
{
    public static TheoryData<Architecture> All => [.. Enum.GetValues<Architecture>()];

    [Theory]
    [MemberData(nameof(All))]
    public void Entry_EveryArchitecture_NamesTheRecordItsJsonNameReads(Architecture architecture)
    {
        var entry = Architectures.All[architecture];

        Assert.Equal(SpecSchema.ModelRecords[WireNames.Of(architecture)], entry.SpecType);
        Assert.Equal(architecture, SpecSchema.NewModel(architecture).Architecture);
    }

    [Fact]
    public void DataSets_EveryKind_HasAnEntry() =>
        Assert.All(Enum.GetValues<DatasetKind>(), kind => Assert.NotNull(DataSets.Of(kind)));
}
