using PetriDish.Kernels;

namespace PetriDish.Tests.Kernels;

/// <summary>
/// Dual numbers carry exact derivatives through the kernels' functions, and stay finite where the
/// values saturate: an infinite intermediate once made the recurrent-cell meta-gradient NaN.
/// </summary>
public sealed class DualLanesTests
{
    private static readonly float[] Points = [-200f, -60f, -3f, -0.5f, 0f, 1e-3f, 0.7f, 4f, 60f, 200f];

    [Fact]
    public void Sigmoid_tanh_exp_and_the_loss_have_their_analytic_derivatives_everywhere()
    {
        foreach (var x in Points)
        {
            var dual = new DualLanes<VectorLanes>(VectorLanes.Create(x), VectorLanes.One);
            var sigmoid = 1 / (1 + Math.Exp(-x));
            var tanh = Math.Tanh(x);
            AssertDual(LanesMath.Sigmoid(dual), sigmoid, sigmoid * (1 - sigmoid), $"σ({x})");
            AssertDual(LanesMath.Tanh(dual), tanh, 1 - (tanh * tanh), $"tanh({x})");
            AssertDual(LanesMath.BinaryCrossEntropyWithLogits(dual, DualLanes<VectorLanes>.Create(1f)), Math.Max(-x, 0) + Math.Log(1 + Math.Exp(-Math.Abs(x))), sigmoid - 1, $"BCE({x}, 1)");
            if (Math.Abs(x) < 80)
            {
                AssertDual(LanesMath.Exp(dual), Math.Exp(x), Math.Exp(x), $"exp({x})");
            }
        }
    }

    [Fact]
    public void Products_quotients_and_selects_follow_the_rules_of_differentiation()
    {
        var (a, b) = (new DualLanes<VectorLanes>(VectorLanes.Create(3f), VectorLanes.Create(2f)), new DualLanes<VectorLanes>(VectorLanes.Create(-4f), VectorLanes.Create(0.5f)));
        AssertDual(a * b, -12, (2 * -4) + (3 * 0.5), "a·b");
        AssertDual(a / b, -0.75, ((2 * -4) - (3 * 0.5)) / 16, "a/b");
        AssertDual(DualLanes<VectorLanes>.MultiplyAdd(a, b, a), -9, (2 * -4) + (3 * 0.5) + 2, "a·b + a");
        AssertDual(DualLanes<VectorLanes>.Max(a, b), 3, 2, "max");
        AssertDual(DualLanes<VectorLanes>.Min(a, b), -4, 0.5, "min");
        AssertDual(DualLanes<VectorLanes>.Abs(b), 4, -0.5, "|b|");
        AssertDual(DualLanes<VectorLanes>.Log(a), Math.Log(3), 2.0 / 3, "log a");
    }

    private static void AssertDual(DualLanes<VectorLanes> actual, double value, double derivative, string what)
    {
        Span<float> lanes = stackalloc float[VectorLanes.Count];
        actual.Value.CopyTo(lanes);
        var v = lanes[0];
        actual.Tangent.CopyTo(lanes);
        var d = lanes[0];
        Assert.True(float.IsFinite(v) && float.IsFinite(d), $"{what}: value {v}, derivative {d}");
        Assert.True(Math.Abs(v - value) <= 2e-6 * Math.Max(1, Math.Abs(value)), $"{what}: value {v}, expected {value}");
        Assert.True(Math.Abs(d - derivative) <= 2e-6 * Math.Max(1, Math.Abs(derivative)), $"{what}: derivative {d}, expected {derivative}");
    }
}
