using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;

namespace GradientService.Api.Tests.Endpoints;

public sealed class ExportEndpointsTests(SpikedRunFixture run) : IClassFixture<SpikedRunFixture>
{
    private Guid Id => run.Run.Summary.Id;

    [Fact]
    public async Task StepsCsv_HasAHeaderAndOneParsableRowPerStep()
    {
        var csv = await run.Client.GetStringAsync($"/api/runs/{Id}/export/steps.csv");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal("step", header[0]);
        Assert.Equal(SpikedRunFixture.Steps, lines.Length - 1);
        var spike = lines[SpikedRunFixture.SpikeStep].Split(',');
        Assert.Equal(SpikedRunFixture.SpikeStep, int.Parse(spike[0], CultureInfo.InvariantCulture));
        Assert.Equal(SpikedRunFixture.Spike, double.Parse(spike[Array.IndexOf(header, "gradNormBefore")], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task LayersCsv_ChosenFields_OneRowPerStepAndLayer()
    {
        var csv = await run.Client.GetStringAsync($"/api/runs/{Id}/export/layers.csv?fields=weightGradNorm&from=1&to=10");

        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("step,layer,weightGradNorm", lines[0]);
        Assert.Equal(10 * run.Run.Layers.Count, lines.Length - 1);
        Assert.All(lines.Skip(1), l => double.Parse(l.Split(',')[2], CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task Weights_AtTheLastCheckpoint_IsSafetensorsWithEveryLayer()
    {
        var checkpoints = await run.Client.GetFromJsonAsync<List<CheckpointInfo>>($"/api/runs/{Id}/checkpoints", Json.Options);
        var response = await run.Client.GetAsync($"/api/runs/{Id}/weights");
        var bytes = await response.Content.ReadAsByteArrayAsync();

        var headerLength = (int)BinaryPrimitives.ReadUInt64LittleEndian(bytes);
        using var header = JsonDocument.Parse(bytes.AsMemory(8, headerLength));
        var names = header.RootElement.EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(SpikedRunFixture.Steps, checkpoints!.Max(c => c.Step));
        Assert.Contains("layers.0.weight", names);
        Assert.Contains("head.bias", names);
        var end = header.RootElement.EnumerateObject().Max(p => p.Value.GetProperty("data_offsets")[1].GetInt64());
        Assert.Equal(8 + headerLength + end, bytes.Length);
    }

    [Fact]
    public async Task Weights_AtAStepWithoutCheckpoint_Returns404()
    {
        var response = await run.Client.GetAsync($"/api/runs/{Id}/weights?step=3");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
