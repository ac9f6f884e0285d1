using GradientService.Contracts.Wire;
using GradientService.Web.Live;
using GradientService.Web.Tests.Infrastructure;

namespace GradientService.Web.Tests.Live;

public sealed class EpisodeStoreTests
{
    private readonly EpisodeStore _store = new();

    [Fact]
    public void Merge_OlderStateOfAHeldEpisode_IsIgnored()
    {
        _store.Merge(Diagnoses.Episode(EpisodeKinds.Clipping, 1, 9));
        var version = _store.Version;

        _store.Merge(Diagnoses.Episode(EpisodeKinds.Clipping, 1, 5, open: true));

        Assert.Equal(9, Assert.Single(_store.All).LastStep);
        Assert.Equal(version, _store.Version);
    }

    [Fact]
    public void Merge_ClosingAtTheSameStep_ReplacesTheOpenState()
    {
        _store.Merge(Diagnoses.Episode(EpisodeKinds.Vanishing, 1, 9, layer: 3, open: true));

        _store.Merge(Diagnoses.Episode(EpisodeKinds.Vanishing, 1, 9, layer: 3, open: false));

        Assert.False(Assert.Single(_store.All).Open);
    }

    [Fact]
    public void Merge_SameKindAndStepOnOtherLayersOrKinds_KeepsThemApartInFirstStepOrder()
    {
        _store.Merge(Diagnoses.Episode(EpisodeKinds.DeadUnits, 5, 6, layer: 1));
        _store.Merge(Diagnoses.Episode(EpisodeKinds.DeadUnits, 5, 6, layer: 2));
        _store.Merge(Diagnoses.Episode(EpisodeKinds.Saturation, 5, 6, layer: 1));
        _store.Merge(Diagnoses.Episode(EpisodeKinds.Clipping, 2, 3));
        _store.Merge(Diagnoses.Episode(EpisodeKinds.DeadUnits, 5, 8, layer: 2));

        Assert.Equal([(2, null), (5, 1), (5, 2), (5, 1)], _store.All.Select(e => (e.FirstStep, e.Layer)));
        Assert.Equal(8, _store.All[2].LastStep);
    }

    [Fact]
    public void Apply_BatchWithEpisodes_BumpsTheRunsVersion()
    {
        var id = Guid.NewGuid();
        var data = new RunData(id);
        data.Apply(Wire.Batch(id, 1, 2));
        var version = data.Version;

        data.Apply(Wire.Batch(id, 1, 2).WithEpisodes(Diagnoses.Episode(EpisodeKinds.Stalled, 1, 2, open: true)));

        Assert.True(data.Version > version);
        Assert.Equal(EpisodeKinds.Stalled, Assert.Single(data.Episodes.All).Kind);
    }
}
