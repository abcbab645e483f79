namespace PetriDish.Dashboard.Views;

/// <summary>JSON has no NaN or infinity: a figure that is not finite is sent as null.</summary>
internal static class Numbers
{
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;

    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
