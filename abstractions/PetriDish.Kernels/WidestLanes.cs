using System.Runtime.Intrinsics;

namespace PetriDish.Kernels;

/// <summary>
/// The lanes a kernel should be compiled for on this machine: <see cref="Vector512Lanes"/> (16) with
/// AVX-512, else <see cref="VectorLanes"/>. One rule, so that a kernel's block size and the lanes it
/// is instantiated for always agree.
/// </summary>
public static class WidestLanes
{
    /// <summary>Whether to use <see cref="Vector512Lanes"/>.</summary>
    public static bool Use512 => Vector512.IsHardwareAccelerated;

    /// <summary>Lanes per vector of the chosen kind.</summary>
    public static int Count => Use512 ? Vector512Lanes.Count : VectorLanes.Count;
}
