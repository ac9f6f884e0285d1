using GradientService.Api.Docs;
using GradientService.Contracts.Wire;
using MessagePack;
using MessagePack.Resolvers;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GradientService.Api.Endpoints;

/// <summary>The series endpoints' <c>format</c> parameter: JSON (the default) or MessagePack (<see cref="PackedWire"/>).</summary>
public static class PackedResults
{
    public const string Json = "json";

    public static readonly IReadOnlyList<string> Formats = [Json, PackedWire.Format];

    /// <summary>Property names as keys, as the hub's MessagePack protocol writes the same records.</summary>
    public static readonly MessagePackSerializerOptions Options = ContractlessStandardResolver.Options;

    /// <summary>Whether <paramref name="format"/> asks for MessagePack; an unknown one is reported under "format".</summary>
    public static bool Packed(string? format, Dictionary<string, string[]> errors)
    {
        if (format is null or Json) return false;
        if (format == PackedWire.Format) return true;
        errors["format"] = [$"Unknown format '{format}'. Allowed: {string.Join(", ", Formats)}."];
        return false;
    }

    public static FileContentHttpResult Of<T>(T value) => TypedResults.Bytes(MessagePackSerializer.Serialize(value, Options), PackedWire.MediaType);

    /// <summary>Documents a route's 200 answer: <typeparamref name="TJson"/> as JSON, <typeparamref name="TPacked"/> as MessagePack.</summary>
    public static RouteHandlerBuilder WithPackedFormat<TJson, TPacked>(this RouteHandlerBuilder route) =>
        route.Produces<TJson>(StatusCodes.Status200OK, "application/json", PackedWire.MediaType).WithMetadata(new PackedFormat(typeof(TPacked)));
}
