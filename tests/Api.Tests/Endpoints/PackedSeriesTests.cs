using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using MessagePack;
using MessagePack.Resolvers;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>format=msgpack on the steps and heatmap endpoints: the JSON record in MessagePack columns, spikes exact.</summary>
public sealed class PackedSeriesTests(SpikedRunFixture run) : IClassFixture<SpikedRunFixture>
{
    private static readonly MessagePackSerializerOptions Packed = ContractlessStandardResolver.Options;

    private HttpClient Client => run.Client;

    private Guid Id => run.Run.Summary.Id;

    private async Task<T> PackedAsync<T>(string url)
    {
        using var response = await Client.GetAsync(url);
        Assert.Equal(PackedWire.MediaType, response.Content.Headers.ContentType?.MediaType);
        return MessagePackSerializer.Deserialize<T>(await response.Content.ReadAsByteArrayAsync(), Packed);
    }

    [Fact]
    public async Task Heatmap_FormatMsgpack_IsTheJsonRecordInOneBlockWithTheSpikeInItsColumn()
    {
        const string query = "heatmap?field=weightGradNorm&columns=30";
        var json = await Client.GetFromJsonAsync<Heatmap>($"/api/runs/{Id}/{query}", Json.Options);

        var packed = await PackedAsync<PackedHeatmap>($"/api/runs/{Id}/{query}&format={PackedWire.Format}");

        Assert.Equal((json!.Values.Count, json.ColumnFirstSteps.Count), (packed.Layers, packed.Columns));
        Assert.Equal(json.ColumnFirstSteps, LittleEndian.Ints(packed.ColumnFirstSteps));
        Assert.Equal(json.ColumnLastSteps, LittleEndian.Ints(packed.ColumnLastSteps));
        Assert.Equal(json.Values.SelectMany(v => v), LittleEndian.Doubles(packed.Values));
        Assert.Equal(json.NonFinite.SelectMany(v => v), packed.NonFinite.Select(b => b == 1));
        var column = json.ColumnFirstSteps.ToList().FindLastIndex(first => first <= SpikedRunFixture.SpikeStep);
        Assert.Equal(SpikedRunFixture.Spike, LittleEndian.Doubles(packed.Values)[column]); // layer 1's row comes first
    }

    [Fact]
    public async Task Steps_FormatMsgpack_IsTheJsonSeriesInColumnsWithThePlantedSpikeExact()
    {
        const string query = "steps?fields=gradNormBefore,loss&maxPoints=100";
        var json = await Client.GetFromJsonAsync<SeriesResponse>($"/api/runs/{Id}/{query}", Json.Options);

        var packed = await PackedAsync<PackedSeries>($"/api/runs/{Id}/{query}&format={PackedWire.Format}");

        Assert.True(packed.Downsampled);
        Assert.Equal(json!.Series.Select(s => s.Field), packed.Series.Select(s => s.Field));
        foreach (var (expected, columns) in json.Series.Zip(packed.Series))
        {
            Assert.Equal(expected.Points.Select(p => p.Step), columns.StepArray());
            Assert.Equal(expected.Points.Select(p => p.Value), columns.ValueArray());
            Assert.Equal(expected.Points.Select(p => p.NonFinite == true), columns.NonFinite.Select(b => b == 1));
        }
        var spiked = packed.Series[0];
        var at = Array.IndexOf(spiked.StepArray(), SpikedRunFixture.SpikeStep);
        Assert.Equal(SpikedRunFixture.Spike, spiked.ValueArray()[at]);
    }

    [Fact]
    public async Task Heatmap_UnknownFormat_Returns400NamingFormat()
    {
        using var response = await Client.GetAsync($"/api/runs/{Id}/heatmap?format=xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"format\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
