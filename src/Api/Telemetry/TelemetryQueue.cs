using System.Threading.Channels;
using GradientService.Api.Options;
using Microsoft.Extensions.Options;

namespace GradientService.Api.Telemetry;

/// <summary>The bounded queue between the training threads and the recorder (one reader; full mode waits: no step is dropped).</summary>
public sealed class TelemetryQueue(IOptions<StorageOptions> options)
{
    private readonly Channel<TelemetryItem> _channel = Channel.CreateBounded<TelemetryItem>(new BoundedChannelOptions(options.Value.ChannelCapacity)
    {
        FullMode = BoundedChannelFullMode.Wait,
        SingleReader = true,
        SingleWriter = false,
    });

    public ChannelWriter<TelemetryItem> Writer => _channel.Writer;

    public ChannelReader<TelemetryItem> Reader => _channel.Reader;

    public int Count => _channel.Reader.Count;
}
