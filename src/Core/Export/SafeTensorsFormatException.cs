namespace GradientService.Core.Export;

/// <summary>A safetensors file (or a tensor requested from it) that breaks the format; the message names the problem.</summary>
public sealed class SafeTensorsFormatException(string message) : Exception(message);
