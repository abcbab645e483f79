using System.Globalization;

namespace PetriDish.Plugins.SearchSpace.Activation.Expressions;

/// <summary>
/// All b(u₁, u₂) keys grouped by the function they compute, so that one function has one key.
/// </summary>
/// <remarks>
/// Rules for every identity (add and mul are symmetric, sub(u, u) is zero, mul(u, one) is u,
/// sigmul(id, id) is mul(id, sigmoid), max(id, zero) is relu, …) would be many and easy to get
/// incomplete. Instead every key is evaluated at <see cref="Probes"/> in double precision, and keys
/// whose values agree at every probe are one function. "Agree" allows for rounding: 1e-9 of the
/// largest magnitude in the computation (operands included), since an identity computed with
/// cancellation (sinh + cosh = exp at −23.7) keeps only the operands' absolute precision. The probes
/// reach ±21 because div's guard (|x₂| ≥ ε) separates functions only far out: 1/exp(x) is e^−x up to
/// x ≈ −6.9 and 1000 beyond. Its canonical key is
/// the cheapest (fewest operators that do something, see <see cref="ExpressionOperators.Cost(BinaryOperator)"/>),
/// ties broken by operator order: ReLU is <c>max(id,zero)</c>, Swish <c>mul(id,sigmoid)</c>, tanh
/// <c>add(tanh,zero)</c>. Functions that agree at every probe but differ elsewhere would be merged; the
/// probes span both signs, zero and the ranges where the operators differ, and none such is known.
/// </remarks>
public sealed class ExpressionCatalog
{
    /// <summary>The points at which keys are compared.</summary>
    public static IReadOnlyList<double> Probes { get; } =
    [
        -23.7, -9.3, -7.3, -5.7, -4.3, -3.3, -2.7, -2.2, -1.7, -1.05, -0.71, -0.43, -0.27, -0.11, -0.037, -0.0041, 0,
        0.0043, 0.029, 0.13, 0.31, 0.55, 0.83, 1.3, 1.9, 2.6, 2.9, 3.7, 4.9, 5.9, 7.7, 8.7, 21.1,
    ];

    // Probes where no identity loses digits to cancellation: bucketing by six digits there is safe.
    private static readonly int[] BucketProbes = [.. Probes.Select((x, i) => (x, i)).Where(p => Math.Abs(p.x) <= 2).Select(p => p.i)];

    private static readonly Lazy<ExpressionCatalog> Shared = new(() => new ExpressionCatalog());

    private readonly Dictionary<ExpressionMotif, ExpressionMotif> _canonical = [];

    private ExpressionCatalog()
    {
        // Keys are bucketed by their values to six digits, then grouped within a bucket by closeness.
        var buckets = new Dictionary<string, List<((double Value, double Magnitude)[] Values, List<ExpressionMotif> Members)>>(StringComparer.Ordinal);
        foreach (var binary in ExpressionOperators.Binary)
        {
            foreach (var first in ExpressionOperators.Unary)
            {
                foreach (var second in ExpressionOperators.Unary)
                {
                    var motif = new ExpressionMotif(binary, first, second);
                    var values = Probes.Select(x => Evaluate(motif, x)).ToArray();
                    var bucketKey = string.Join(';', BucketProbes.Select(i => values[i].Value).Select(v => v == 0 ? "0" : v.ToString("G6", CultureInfo.InvariantCulture)));
                    if (!buckets.TryGetValue(bucketKey, out var bucket))
                    {
                        buckets[bucketKey] = bucket = [];
                    }

                    var match = bucket.FindIndex(c => c.Values.Zip(values, Close).All(same => same));
                    if (match < 0)
                    {
                        bucket.Add((values, [motif]));
                    }
                    else
                    {
                        bucket[match].Members.Add(motif);
                    }
                }
            }
        }

        var distinct = new List<ExpressionMotif>();
        foreach (var members in buckets.Values.SelectMany(b => b).Select(c => c.Members))
        {
            var canonical = members.MinBy(m => (m.Cost, m.Binary, m.First, m.Second))!;
            distinct.Add(canonical);
            members.ForEach(m => _canonical[m] = canonical);
        }

        Distinct = [.. distinct.OrderBy(m => m.Binary).ThenBy(m => m.First).ThenBy(m => m.Second)];
        KeyCount = _canonical.Count;
    }

    /// <summary>The catalogue (built once, in a few milliseconds).</summary>
    public static ExpressionCatalog Instance => Shared.Value;

    /// <summary>Every key there is: 8 binary × 24 × 24 unary operators.</summary>
    public int KeyCount { get; }

    /// <summary>One canonical motif per distinct function, in operator order.</summary>
    public IReadOnlyList<ExpressionMotif> Distinct { get; }

    /// <summary>The canonical motif of the function <paramref name="motif"/> computes.</summary>
    public ExpressionMotif Canonical(ExpressionMotif motif)
    {
        ArgumentNullException.ThrowIfNull(motif);
        return _canonical[motif];
    }

    private static (double Value, double Magnitude) Evaluate(ExpressionMotif motif, double x)
    {
        var (first, second) = (ExpressionOperators.ValueWithDerivatives(motif.First, x), ExpressionOperators.ValueWithDerivatives(motif.Second, x));
        var value = ExpressionOperators.ValueWithDerivatives(motif.Binary, first, second).Value;
        return (value, Math.Max(Math.Abs(value), Math.Max(Math.Abs(first.Value), Math.Abs(second.Value))));
    }

    private static bool Close((double Value, double Magnitude) a, (double Value, double Magnitude) b) =>
        a.Value == b.Value || (double.IsNaN(a.Value) && double.IsNaN(b.Value)) || Math.Abs(a.Value - b.Value) <= 1e-9 * Math.Max(a.Magnitude, b.Magnitude);
}
