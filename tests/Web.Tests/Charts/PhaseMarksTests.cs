using GradientService.Contracts.Spec;
using GradientService.Web.Charts;

namespace GradientService.Web.Tests.Charts;

public sealed class PhaseMarksTests
{
    [Fact]
    public void Of_PretrainingSpec_MarksEachLayersStartThenFineTuning()
    {
        var spec = new RunSpec
        {
            Model = new MlpSpec { Depth = 3, Width = 4 },
            Pretraining = new PretrainingSpec { Kind = PretrainingKind.Rbm, StepsPerLayer = 10 },
        };

        var marks = PhaseMarks.Of(spec);

        Assert.Equal([0.5, 10.5, 20.5, 30.5], marks.Select(m => m.X));
        Assert.Equal(["pretrain layer 1", "pretrain layer 2", "pretrain layer 3", "fine-tune"], marks.Select(m => m.Label));
        Assert.All(marks, m => Assert.Equal((PhaseMarks.Kind, null), (m.Kind, m.X1)));
    }

    [Fact]
    public void Of_NoPretraining_MarksNothing() => Assert.Empty(PhaseMarks.Of(new RunSpec { Model = new MlpSpec { Depth = 3 } }));
}
