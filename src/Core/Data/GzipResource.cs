using System.IO.Compression;

namespace GradientService.Core.Data;

/// <summary>The gzip-compressed files embedded in GradientService.Core under Data/ (the digits, the novel), decompressed.</summary>
internal static class GzipResource
{
    /// <summary>The bytes of Data/<paramref name="path"/>, given with dots ("Mnist.mnist-labels-idx1-ubyte.gz").</summary>
    public static byte[] Read(string path)
    {
        var resource = $"{typeof(GzipResource).Namespace}.{path}";
        using var stream = typeof(GzipResource).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidDataException($"Resource {resource} is missing from the build.");
        using var gzip = new GZipStream(stream, CompressionMode.Decompress);
        using var buffer = new MemoryStream();
        gzip.CopyTo(buffer);
        return buffer.ToArray();
    }
}
