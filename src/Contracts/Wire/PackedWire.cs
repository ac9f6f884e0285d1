namespace GradientService.Contracts.Wire;

/// <summary>
/// The binary answer of the series and heatmap endpoints (<c>format=msgpack</c>): <see cref="PackedSeries"/> and
/// <see cref="PackedHeatmap"/>, MessagePack maps with property names as keys (MessagePack-CSharp's contractless resolver,
/// as the hub's MessagePack protocol writes its messages) whose numbers come in columns: one bin field per array
/// (<see cref="LittleEndian"/>), not a map per point. The dashboard asks for it: the WebAssembly interpreter copies a
/// bin field at memory speed, where it would parse a 100-layer heatmap's 80,000 numbers one by one.
/// </summary>
public static class PackedWire
{
    /// <summary>The <c>format</c> query value.</summary>
    public const string Format = "msgpack";

    public const string MediaType = "application/x-msgpack";
}
