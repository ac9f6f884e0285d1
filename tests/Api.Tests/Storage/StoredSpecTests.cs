using System.Net.Http.Json;
using GradientService.Api.Storage;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Presets;
using GradientService.Contracts.Spec;
using GradientService.Contracts.Wire;
using Microsoft.Extensions.DependencyInjection;

namespace GradientService.Api.Tests.Storage;

/// <summary>
/// Runs stored before the model had a record per architecture: their spec JSON, written by the flat ModelSpec of commit
/// 9b18051, holds every architecture's fields. They read to the same spec, and such a run trains and exports.
/// </summary>
public sealed class StoredSpecTests(EngineApiFactory factory) : IClassFixture<EngineApiFactory>
{
    // SpecJson of commit 9b18051 on the presets deep-sigmoid-batchnorm and adding-lstm.
    private const string OldBatchNorm = """
        {"name":"20-layer sigmoid, batch norm","model":{"architecture":"mlp","depth":20,"width":64,"widths":null,"activation":"sigmoid","leakyReluSlope":0.01,"eluAlpha":1,"normalization":"batch-norm","normEpsilon":1E-05,"normMomentum":0.1,"blockSize":1,"output":"last","bpttLength":null,"forgetBias":1},"init":{"scheme":"xavier-normal","gain":1,"mean":0,"std":0.01,"bias":0,"recurrentScheme":null,"spectralRadius":null,"maxSingularValue":null},"data":{"kind":"two-spirals","samples":2000,"testFraction":0.2,"noise":0.1,"classes":3,"dimensions":2,"bits":8,"teacherDepth":4,"teacherWidth":32,"regression":false,"sequenceLength":50,"csv":null,"labelColumn":null,"sequenceColumn":null,"timeColumn":null},"optimizer":{"kind":"sgd","learningRate":0.5,"weightDecay":0,"momentum":0.9,"nesterov":false,"beta1":0.9,"beta2":0.999,"alpha":0.99,"epsilon":1E-08,"etaMinus":0.5,"etaPlus":1.2,"stepSizeMin":1E-06,"stepSizeMax":50,"schedule":"none","stepEvery":1000,"stepGamma":0.1,"minLearningRate":0},"clipping":{"mode":"none","threshold":1},"training":{"loss":"cross-entropy","batchSize":64,"steps":2000,"evalEvery":100,"seed":1,"precision":"float32","timeLagEvery":1}}
        """;

    private const string OldLstm = """
        {"name":"Adding problem, LSTM","model":{"architecture":"lstm","depth":1,"width":64,"widths":null,"activation":"tanh","leakyReluSlope":0.01,"eluAlpha":1,"normalization":"none","normEpsilon":1E-05,"normMomentum":0.1,"blockSize":1,"output":"last","bpttLength":null,"forgetBias":1},"init":{"scheme":"xavier-uniform","gain":1,"mean":0,"std":0.01,"bias":0,"recurrentScheme":"orthogonal","spectralRadius":null,"maxSingularValue":null},"data":{"kind":"adding","samples":4000,"testFraction":0.2,"noise":0.1,"classes":3,"dimensions":2,"bits":8,"teacherDepth":4,"teacherWidth":32,"regression":false,"sequenceLength":100,"csv":null,"labelColumn":null,"sequenceColumn":null,"timeColumn":null},"optimizer":{"kind":"adam","learningRate":0.001,"weightDecay":0,"momentum":0.9,"nesterov":false,"beta1":0.9,"beta2":0.999,"alpha":0.99,"epsilon":1E-08,"etaMinus":0.5,"etaPlus":1.2,"stepSizeMin":1E-06,"stepSizeMax":50,"schedule":"none","stepEvery":1000,"stepGamma":0.1,"minLearningRate":0},"clipping":{"mode":"global-norm","threshold":1},"training":{"loss":"mse","batchSize":32,"steps":2000,"evalEvery":100,"seed":1,"precision":"float32","timeLagEvery":10}}
        """;

    [Theory]
    [InlineData(OldBatchNorm, "deep-sigmoid-batchnorm")]
    [InlineData(OldLstm, "adding-lstm")]
    public void Spec_StoredByTheFlatModelRecord_ReadsToTheSameSpec(string stored, string preset)
    {
        var record = new RunRecord { SpecJson = stored, Architecture = "", Activation = "", Init = "" };

        Assert.Equal(AsOfThatCommit(PresetCatalog.Find(preset)!.Spec), RunMapping.Spec(record)); // both presets are in the catalog
    }

    /// <summary>The preset as commit 9b18051 had it: adding-lstm has since grown to 2,560 test sequences at η = 0.01 (#14, Table 7 of Hochreiter &amp; Schmidhuber).</summary>
    private static RunSpec AsOfThatCommit(RunSpec spec) => spec.Model is LstmSpec
        ? spec with { Data = spec.Data with { Samples = 4000 }, Optimizer = spec.Optimizer with { LearningRate = 0.001 } }
        : spec;

    [Fact]
    public async Task Run_QueuedWithTheFlatModelRecord_TrainsAndExports()
    {
        var stored = OldLstm.Replace("\"steps\":2000", "\"steps\":4", StringComparison.Ordinal).Replace("\"evalEvery\":100", "\"evalEvery\":2", StringComparison.Ordinal);
        var id = Guid.NewGuid();
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<GradientDbContext>();
            db.Runs.Add(new RunRecord { Id = id, Status = RunStatus.Queued, CreatedAt = DateTime.UtcNow, Name = "stored before", SpecJson = stored, Architecture = "lstm", Activation = "tanh", Init = "xavier-uniform", Depth = 1, TotalSteps = 4 });
            await db.SaveChangesAsync();
        }
        var client = factory.CreateClient();

        var run = await RunWaiter.FinishedAsync(client, id);
        var steps = await client.GetStringAsync($"/api/runs/{id}/export/steps.csv");

        Assert.True(run.Summary.Status == RunStatus.Completed, $"{run.Summary.Status} {run.Reason}");
        Assert.Equal(new LstmSpec { Depth = 1, Width = 64 }, run.Spec.Model);
        Assert.Equal(5, steps.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length); // the header and 4 steps
    }
}
