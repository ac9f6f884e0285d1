using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Core.Training;
using Xunit.Abstractions;

namespace GradientService.Core.Tests.Detection;

public class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void Rnn()
    {
        var spec = PresetCatalog.Find("exploding-rnn")!.Spec;
        using var t = Trainer.Create(spec);
        t.Run(r => output.WriteLine($"{r.Step} {r.Loss:G3} {r.GradNormBefore:G3} {r.Recurrent[0].BoundFactor:G3} {r.Layers[0].WeightGradNorm:G3} {r.Layers[1].WeightGradNorm:G3}"));
    }
}
