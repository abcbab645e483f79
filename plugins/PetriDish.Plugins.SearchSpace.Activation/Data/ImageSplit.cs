using PetriDish.Sdk;
using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.Activation.Data;

/// <summary>Images (one byte per pixel) and their class labels.</summary>
public sealed class ImageSplit(byte[] pixels, byte[] labels, int features)
{
    public int Count => labels.Length;

    public int Features => features;

    /// <summary>The first <paramref name="count"/> images as floats in [0, 1], <c>[count, features]</c>.</summary>
    public Tensor Images(int count, Device device)
    {
        using var maximum = 255f.ToScalar(); // Held for the native call (see HeldScalars).
        var values = pixels.AsSpan(0, count * features).ToArray();
        return HeldTensors.Build(() => tensor(values, [count, features], dtype: ScalarType.Byte).to(ScalarType.Float32, device).div_(maximum));
    }

    /// <summary>The first <paramref name="count"/> labels, <c>[count]</c> (int64).</summary>
    public Tensor Labels(int count, Device device) =>
        HeldTensors.Build(() => tensor(labels.AsSpan(0, count).ToArray(), [count], dtype: ScalarType.Byte).to(ScalarType.Int64, device));
}
