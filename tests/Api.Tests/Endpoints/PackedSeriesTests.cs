using System.Net;
using System.Net.Http.Json;
using GradientService.Api.Tests.Infrastructure;
using GradientService.Contracts.Wire;
using MessagePack;
using MessagePack.Resolvers;

namespace GradientService.Api.Tests.Endpoints;

/// <summary>format=msgpack on the steps and heatmap endpoints: the JSON record, in MessagePack, spikes exact.</summary>
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
    public async Task Heatmap_FormatMsgpack_IsTheJsonRecordWithTheSpikeInItsColumn()
    {
        const string query = "heatmap?field=weightGradNorm&columns=30";
        var json = await Client.GetFromJsonAsync<Heatmap>($"/api/runs/{Id}/{query}", Json.Options);

        var packed = await PackedAsync<Heatmap>($"/api/runs/{Id}/{query}&format={PackedWire.Format}");

        Assert.Equal(json!.ColumnFirstSteps, packed.ColumnFirstSteps);
        Assert.Equal(json.ColumnLastSteps, packed.ColumnLastSteps);
        Assert.Equal(json.Values.SelectMany(v => v), packed.Values.SelectMany(v => v));
        Assert.Equal(json.NonFinite.SelectMany(v => v), packed.NonFinite.SelectMany(v => v));
        var column = packed.ColumnFirstSteps.ToList().FindLastIndex(first => first <= SpikedRunFixture.SpikeStep);
        Assert.Equal(SpikedRunFixture.Spike, packed.Values[0][column]);
    }

    [Fact]
    public async Task Steps_FormatMsgpack_KeepsThePlantedSpikeExactly()
    {
        var series = await PackedAsync<SeriesResponse>($"/api/runs/{Id}/steps?fields=gradNormBefore&maxPoints=100&format={PackedWire.Format}");

        Assert.True(series.Downsampled);
        Assert.Contains(series.Series[0].Points, p => p.Step == SpikedRunFixture.SpikeStep && p.Value == SpikedRunFixture.Spike);
    }

    [Fact]
    public async Task Heatmap_UnknownFormat_Returns400NamingFormat()
    {
        using var response = await Client.GetAsync($"/api/runs/{Id}/heatmap?format=xml");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"format\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
