namespace GradientService.Api.Storage;

/// <summary>One recurrent layer's probes at one step; the vectors are little-endian float64 arrays (see <see cref="DoubleBlob"/>).</summary>
public sealed class RecurrentSample
{
    public long RunKey { get; set; }

    public int Layer { get; set; }

    public int Step { get; set; }

    public double? SigmaMax { get; set; }

    public double? BoundFactor { get; set; }

    public double? ForgetGateMean { get; set; }

    public required byte[] InputGateGradNorms { get; set; }

    public required byte[] RecurrentGateGradNorms { get; set; }

    /// <summary>‖∂L/∂h_t‖ for t = 1 … T; null on steps where the profile was not measured.</summary>
    public byte[]? TimeLag { get; set; }
}
