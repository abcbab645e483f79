namespace PetriDish.TestPlugins.Helpers;

/// <summary>The toy ground truth: a smooth landscape over integers with one peak.</summary>
public sealed class ToyLandscape
{
    public ToyLandscape(int peak) => Peak = peak;

    public int Peak { get; }

    public double ValueAt(int position) => 1.0 - (((position - Peak) * (position - Peak)) / 100.0);
}
