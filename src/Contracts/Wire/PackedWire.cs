namespace GradientService.Contracts.Wire;

/// <summary>
/// The binary answer of the series and heatmap endpoints (<c>format=msgpack</c>): the same record as their JSON, in
/// MessagePack with property names as keys (MessagePack-CSharp's contractless resolver, as the hub's MessagePack protocol
/// writes its messages). The dashboard asks for it: the WebAssembly interpreter reads 8-byte binary doubles many times
/// faster than it parses JSON text, and a 100-layer heatmap at a screen's width is some 80,000 of them.
/// </summary>
public static class PackedWire
{
    /// <summary>The <c>format</c> query value.</summary>
    public const string Format = "msgpack";

    public const string MediaType = "application/x-msgpack";
}
