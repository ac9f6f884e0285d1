using GradientService.Contracts.Wire;
using GradientService.Web.Live;
using GradientService.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace GradientService.Web.Tests.Live;

public sealed class DiagnosisRefreshTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly Guid _id = Guid.NewGuid();
    private readonly RunData _data;
    private readonly DiagnosisRefresh _refresh;

    public DiagnosisRefreshTests()
    {
        _data = new RunData(_id) { Status = RunStatus.Running };
        _refresh = new DiagnosisRefresh(_clock);
        _refresh.Asked(_data);
    }

    [Fact]
    public void Due_NewEpisode_WaitsForTheInterval()
    {
        var shown = Diagnoses.Vanishing();
        _data.Apply(Wire.Batch(_id, 1, 3).WithEpisodes(Diagnoses.Episode(EpisodeKinds.Clipping, 2, 3, open: true)));

        _clock.Advance(DiagnosisRefresh.Interval - TimeSpan.FromMilliseconds(1));
        Assert.False(_refresh.Due(_data, shown));
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(_refresh.Due(_data, shown));
    }

    [Fact]
    public void Due_AfterAsking_NotAgainUntilSomethingChanges()
    {
        var shown = Diagnoses.Vanishing();
        _data.Apply(Wire.Batch(_id, 1, 3).WithEpisodes(Diagnoses.Episode(EpisodeKinds.Clipping, 2, 3, open: true)));
        _clock.Advance(DiagnosisRefresh.Interval);
        _refresh.Asked(_data);

        _data.Apply(Wire.Batch(_id, 4, 50));
        _clock.Advance(10 * DiagnosisRefresh.Interval);

        Assert.False(_refresh.Due(_data, shown));
    }

    [Fact]
    public void Due_FirstStepWithoutADiagnosis_AsksOnceTheIntervalPassed()
    {
        _data.Apply(Wire.Batch(_id, 1, 1));
        _clock.Advance(DiagnosisRefresh.Interval);

        Assert.True(_refresh.Due(_data, null));
        Assert.False(_refresh.Due(_data, Diagnoses.Vanishing()));
    }

    [Fact]
    public void Due_RunEnded_AsksForTheFinalDiagnosis()
    {
        var shown = Diagnoses.Vanishing();
        _clock.Advance(DiagnosisRefresh.Interval);
        Assert.False(_refresh.Due(_data, shown));

        _data.Apply(Wire.Status(_id, RunStatus.Completed, 5));

        Assert.True(_refresh.Due(_data, shown));
    }
}
