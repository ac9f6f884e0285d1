using System.Numerics;
using System.Text.Json;
using GradientService.Contracts.Spec;
using GradientService.Core.Convolution;
using GradientService.Core.Data;
using GradientService.Core.Spec;
using GradientService.Core.Tensors;

namespace GradientService.Core.Tests.Convolution;

/// <summary>Small cnns from a layer list in the oracle's JSON.</summary>
internal static class CnnTestNets
{
    public static CnnLayerSpec[] Layers(string json) => JsonSerializer.Deserialize<CnnLayerSpec[]>(json)!;

    public static CnnEntry[] Resolve(string json, ImageShape image, int classes)
    {
        var errors = new SpecErrorList();
        var entries = CnnLayerList.Resolve(Layers(json), image, classes, errors);
        Assert.Empty(errors.Errors);
        return entries!;
    }

    public static CnnNet<T> Build<T>(string json, ImageShape image, int classes, int capacity, MatrixProduct<T> mm)
        where T : unmanaged, IFloatingPointIeee754<T> => new(Resolve(json, image, classes), 0.1, capacity, mm);
}
