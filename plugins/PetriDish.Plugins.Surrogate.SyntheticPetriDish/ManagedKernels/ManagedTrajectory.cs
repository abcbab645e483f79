namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.ManagedKernels;

/// <summary>
/// One block's inner training as <see cref="ManagedUnroll"/> needs it in reverse: the parameters before
/// every step and after the last, each step's gradient and, for Adam, its moments.
/// </summary>
/// <param name="steps">Inner steps.</param>
/// <param name="size">Floats per state: parameters × lanes.</param>
/// <param name="withMoments">Whether to keep Adam's moments (SGD has none).</param>
internal sealed class ManagedTrajectory(int steps, int size, bool withMoments)
{
    private readonly float[] _parameters = new float[(steps + 1) * size];
    private readonly float[] _gradients = new float[steps * size];
    private readonly float[] _firstMoments = new float[withMoments ? steps * size : 0];
    private readonly float[] _secondMoments = new float[withMoments ? steps * size : 0];

    /// <summary>θ_t, t = 0 … steps.</summary>
    public Span<float> Parameters(int t) => _parameters.AsSpan(t * size, size);

    /// <summary>g_t = ∇L(θ_{t−1}), t = 1 … steps.</summary>
    public Span<float> Gradient(int t) => _gradients.AsSpan((t - 1) * size, size);

    /// <summary>m_t after step t.</summary>
    public Span<float> FirstMoment(int t) => _firstMoments.AsSpan((t - 1) * size, size);

    /// <summary>v_t after step t.</summary>
    public Span<float> SecondMoment(int t) => _secondMoments.AsSpan((t - 1) * size, size);

    /// <summary>Keeps step t's state: its gradient, and the parameters and moments after it.</summary>
    public void Keep(int t, ReadOnlySpan<float> parameters, ReadOnlySpan<float> gradient, ReadOnlySpan<float> firstMoment, ReadOnlySpan<float> secondMoment)
    {
        parameters.CopyTo(Parameters(t));
        gradient.CopyTo(Gradient(t));
        if (withMoments)
        {
            firstMoment.CopyTo(FirstMoment(t));
            secondMoment.CopyTo(SecondMoment(t));
        }
    }
}
