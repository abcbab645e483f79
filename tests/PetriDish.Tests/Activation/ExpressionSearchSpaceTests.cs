using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.Activation.Expressions;
using PetriDish.Tests.Infrastructure;
using static TorchSharp.torch;
using PetriDish.Sdk;

namespace PetriDish.Tests.Activation;

public sealed class ExpressionSearchSpaceTests
{
    private static readonly ExpressionSearchSpace Space = new(new ExpressionSettings(), TestContexts.Plugin());

    /// <summary>Every operator by its textbook definition, independent of the code under test.</summary>
    private static readonly Dictionary<string, Func<double, double>> UnaryDefinitions = new()
    {
        ["id"] = x => x, ["neg"] = x => -x, ["abs"] = Math.Abs, ["square"] = x => x * x, ["cube"] = x => x * x * x,
        ["sqrt_abs"] = x => Math.Sqrt(Math.Max(Math.Abs(x), 1e-12)), ["exp"] = Math.Exp, ["log_abs"] = x => Math.Log(Math.Abs(x) + 1e-3),
        ["sin"] = Math.Sin, ["cos"] = Math.Cos, ["sinh"] = Math.Sinh, ["cosh"] = Math.Cosh, ["tanh"] = Math.Tanh,
        ["asinh"] = Math.Asinh, ["atan"] = Math.Atan, ["sinc"] = x => x == 0 ? 1 : Math.Sin(x) / x, ["relu"] = x => Math.Max(x, 0),
        ["min0"] = x => Math.Min(x, 0), ["sigmoid"] = x => 1 / (1 + Math.Exp(-x)), ["softplus"] = x => Math.Log(1 + Math.Exp(x)),
        ["gauss"] = x => Math.Exp(-x * x), ["erf"] = ReferenceErf, ["zero"] = _ => 0, ["one"] = _ => 1,
    };

    private static readonly Dictionary<string, Func<double, double, double>> BinaryDefinitions = new()
    {
        ["add"] = (a, b) => a + b, ["sub"] = (a, b) => a - b, ["mul"] = (a, b) => a * b,
        ["div"] = (a, b) => a / (b >= 0 ? Math.Max(b, 1e-3) : Math.Min(b, -1e-3)), ["max"] = Math.Max, ["min"] = Math.Min,
        ["sigmul"] = (a, b) => b / (1 + Math.Exp(-a)), ["avg"] = (a, b) => (a + b) / 2,
    };

    private static readonly double[] Points = [-3.1, -1.4, -0.6, -0.05, 0.02, 0.4, 1.1, 2.3, 3.9];

    [Theory]
    [InlineData("expr:max(id,zero)", "ReLU")]
    [InlineData("expr:mul(id,sigmoid)", "Swish")]
    [InlineData("expr:add(tanh,zero)", "tanh")]
    [InlineData("expr:add(sigmoid,zero)", "sigmoid")]
    [InlineData("expr:add(id,zero)", "identity")]
    [InlineData("expr:add(zero,zero)", "the constant 0")]
    public void Named_functions_have_the_key_they_are_known_by(string key, string name)
    {
        var motif = Space.Parse(key);
        Assert.True(motif.Key == key, $"{name} is {motif.Key}");
        Assert.Equal(motif, Space.Parse(motif.Key));
    }

    [Theory]
    [InlineData("expr:sigmul(id,id)", "expr:mul(id,sigmoid)")]
    [InlineData("expr:mul(sigmoid,id)", "expr:mul(id,sigmoid)")]
    [InlineData("expr:add(relu,zero)", "expr:max(id,zero)")]
    [InlineData("expr:sub(id,min0)", "expr:max(id,zero)")]
    [InlineData("expr:max(zero,id)", "expr:max(id,zero)")]
    [InlineData("expr:add(zero,tanh)", "expr:add(tanh,zero)")]
    [InlineData("expr:mul(tanh,one)", "expr:add(tanh,zero)")]
    [InlineData("expr:max(tanh,tanh)", "expr:add(tanh,zero)")]
    [InlineData("expr:sub(cos,cos)", "expr:add(zero,zero)")]
    [InlineData("expr:add(square,zero)", "expr:mul(id,id)")]
    [InlineData("expr:sub(id,neg)", "expr:add(id,id)")]
    [InlineData("expr:div(exp,one)", "expr:add(exp,zero)")]
    public void Keys_of_one_function_become_its_one_key(string key, string canonical) => Assert.Equal(canonical, Space.Parse(key).Key);

    [Fact]
    public void Every_key_computes_the_same_function_as_its_canonical_key_away_from_the_probes()
    {
        // The catalogue groups keys by their values at a few probe points; at other points (outside
        // ±ε of zero, where div's guard may differ) every key must agree with its canonical key.
        var random = new Random(8);
        var points = Enumerable.Range(0, 60).Select(_ => (random.NextDouble() - 0.5) * 24).Where(x => Math.Abs(x) > 0.01).ToArray();
        var catalog = ExpressionCatalog.Instance;
        var merged = 0;
        foreach (var binary in ExpressionOperators.Binary)
        {
            foreach (var first in ExpressionOperators.Unary)
            {
                foreach (var second in ExpressionOperators.Unary)
                {
                    var motif = new ExpressionMotif(binary, first, second);
                    var canonical = catalog.Canonical(motif);
                    merged += canonical == motif ? 0 : 1;
                    foreach (var x in points)
                    {
                        // Within rounding of the largest operand (sinh + cosh is exp only to cosh's precision).
                        var (a, b) = (motif.Evaluate(x), canonical.Evaluate(x));
                        var magnitude = new[] { a, b, UnaryDefinitions[ExpressionOperators.Name(first)](x), UnaryDefinitions[ExpressionOperators.Name(second)](x) }.Max(Math.Abs);
                        Assert.True(a == b || Math.Abs(a - b) <= 1e-7 * magnitude || (double.IsNaN(a) && double.IsNaN(b)), $"{motif.Key} ({a}) and {canonical.Key} ({b}) differ at {x}");
                    }
                }
            }
        }

        Assert.Equal(8 * 24 * 24, catalog.KeyCount);
        Assert.Equal(catalog.KeyCount - catalog.Distinct.Count, merged);
        Assert.InRange(catalog.Distinct.Count, 2000, catalog.KeyCount - 500);
        Assert.All(catalog.Distinct, m => Assert.Equal(m, catalog.Canonical(m)));
    }

    [Fact]
    public void Distinct_functions_differ_somewhere()
    {
        // The converse: the catalogue does not keep two keys of one function apart.
        var random = new Random(9);
        // Zero and points within ±ε of it included: that is where div(id,id) is not the constant 1.
        var points = Enumerable.Range(0, 60).Select(_ => (random.NextDouble() - 0.5) * 20).Concat([0, 4e-4, -7e-4]).ToArray();
        var seen = new Dictionary<string, string>();
        foreach (var motif in ExpressionCatalog.Instance.Distinct)
        {
            var fingerprint = string.Join(";", points.Select(x => motif.Evaluate(x).ToString("G6", System.Globalization.CultureInfo.InvariantCulture)));
            Assert.False(seen.TryGetValue(fingerprint, out var other), $"{motif.Key} and {other} compute the same function");
            seen[fingerprint] = motif.Key;
        }
    }

    [Fact]
    public void Every_operator_evaluates_to_its_definition()
    {
        foreach (var (name, definition) in UnaryDefinitions)
        {
            var motif = Space.Parse($"expr:add({name},zero)");
            foreach (var x in Points)
            {
                Assert.Equal(definition(x), ((ExpressionMotif)motif).Evaluate(x), 1e-9 * Math.Max(1, Math.Abs(definition(x))));
            }
        }

        foreach (var (name, definition) in BinaryDefinitions)
        {
            var motif = (ExpressionMotif)Space.Parse($"expr:{name}(sin,cube)");
            foreach (var x in Points)
            {
                var expected = definition(Math.Sin(x), x * x * x);
                Assert.Equal(expected, motif.Evaluate(x), 1e-9 * Math.Max(1, Math.Abs(expected)));
            }
        }
    }

    [Fact]
    public void Derivatives_agree_with_finite_differences_for_every_operator()
    {
        // First and second derivatives of every unary operator and every binary operator (on two
        // smooth unary operators), against central differences, away from kinks.
        var keys = ExpressionOperators.Unary.Select(u => new ExpressionMotif(BinaryOperator.Add, u, UnaryOperator.Zero))
            .Concat(ExpressionOperators.Binary.Select(b => new ExpressionMotif(b, UnaryOperator.Sin, UnaryOperator.Cube)));
        foreach (var motif in keys)
        {
            foreach (var x in Points)
            {
                const double h = 1e-4;
                var jet = motif.ValueWithDerivatives(x);
                var (left, middle, right) = (motif.Evaluate(x - h), motif.Evaluate(x), motif.Evaluate(x + h));
                var first = (right - left) / (2 * h);
                var second = (right - (2 * middle) + left) / (h * h);
                Assert.True(Math.Abs(jet.First - first) <= 1e-5 * Math.Max(1, Math.Abs(first)), $"{motif.Key}′({x}) = {jet.First}, differences give {first}");
                Assert.True(Math.Abs(jet.Second - second) <= 2e-3 * Math.Max(1, Math.Abs(second)), $"{motif.Key}″({x}) = {jet.Second}, differences give {second}");
            }
        }
    }

    [Fact]
    public void Every_operator_has_a_finite_value_slope_and_curvature_on_a_grid_and_finite_autograd_gradients()
    {
        // On [−10, 10] (0 included) the maths of every operator is finite, with the guards of div,
        // log_abs and sqrt_abs; cosh(10) and e^10 are large but far inside float64 and float32.
        var grid = Enumerable.Range(0, 201).Select(i => -10 + (i * 0.1)).Append(0).ToArray();
        using var x = tensor(grid, dtype: ScalarType.Float64).requires_grad_();
        var motifs = ExpressionOperators.Unary.Select(u => new ExpressionMotif(BinaryOperator.Add, u, UnaryOperator.Zero))
            .Concat(ExpressionOperators.Binary.SelectMany(b => ExpressionOperators.Unary.Select(u => new ExpressionMotif(b, u, UnaryOperator.Sin))));
        foreach (var motif in motifs)
        {
            foreach (var point in grid)
            {
                var jet = motif.ValueWithDerivatives(point);
                Assert.True(double.IsFinite(jet.Value) && double.IsFinite(jet.First) && double.IsFinite(jet.Second), $"{motif.Key} at {point}: {jet}");
            }

            using var y = motif.Apply(x);
            Assert.True(y.isfinite().all().item<bool>(), motif.Key);
            if (y.requires_grad)
            {
                using var sum = y.sum();
                using var gradient = autograd.grad([sum], [x])[0];
                Assert.True(gradient.isfinite().all().item<bool>(), $"{motif.Key}: autograd's gradient is not finite on the grid");
            }
        }
    }

    [Fact]
    public void Tensors_compute_what_the_scalar_definition_computes_and_autograd_agrees_with_the_jets()
    {
        using var x = tensor(Points, dtype: ScalarType.Float64).requires_grad_();
        foreach (var motif in ExpressionOperators.Unary.Select(u => new ExpressionMotif(BinaryOperator.Add, u, UnaryOperator.Zero))
            .Concat(ExpressionOperators.Binary.Select(b => new ExpressionMotif(b, UnaryOperator.Sin, UnaryOperator.Cube)))
            .Concat(ExpressionOperators.Binary.Select(b => new ExpressionMotif(b, UnaryOperator.Exp, UnaryOperator.Tanh))))
        {
            using var y = motif.Apply(x);
            using var sum = y.sum();
            // A constant function's result has no graph: its derivative is zero.
            var gradient = y.requires_grad ? autograd.grad([sum], [x])[0].data<double>().ToArray() : new double[Points.Length];
            var values = y.data<double>().ToArray();
            for (var i = 0; i < Points.Length; i++)
            {
                var jet = motif.ValueWithDerivatives(Points[i]);
                Assert.True(Math.Abs(jet.Value - values[i]) <= 1e-9 * Math.Max(1, Math.Abs(jet.Value)), $"{motif.Key}({Points[i]}): tensor {values[i]}, jet {jet.Value}");
                Assert.True(Math.Abs(jet.First - gradient[i]) <= 1e-9 * Math.Max(1, Math.Abs(jet.First)), $"{motif.Key}′({Points[i]}): autograd {gradient[i]}, jet {jet.First}");
            }
        }
    }

    [Fact]
    public void Sampling_draws_distinct_functions_uniformly_and_mutation_changes_the_function()
    {
        var random = new DeterministicRandom(5);
        var drawn = Enumerable.Range(0, 4000).Select(_ => (ExpressionMotif)Space.Sample(random)).ToList();
        Assert.All(drawn, m => Assert.Equal(m, Space.Parse(m.Key)));
        // Uniform over functions: the constant 0 has dozens of keys but is drawn about as often as any other function.
        Assert.InRange(drawn.Count(m => m.Key == "expr:add(zero,zero)"), 0, 8);
        Assert.InRange(drawn.Distinct().Count(), 1500, 4000);
        foreach (var motif in drawn.Take(300))
        {
            var mutated = (ExpressionMotif)Space.Mutate(motif, random);
            Assert.NotEqual(motif, mutated);
            Assert.Equal(mutated, Space.Parse(mutated.Key));
            Assert.True((mutated.Binary != motif.Binary ? 1 : 0) + (mutated.First != motif.First ? 1 : 0) + (mutated.Second != motif.Second ? 1 : 0) >= 1);
        }
    }

    [Fact]
    public void Encodings_are_one_hot_and_tokens_round_trip_for_every_function()
    {
        var tokens = Space.Tokens!;
        Assert.Equal(1 + 8 + 24, tokens.VocabularySize);
        foreach (var motif in Space.Functions)
        {
            var encoding = Space.Encode(motif);
            Assert.Equal(56, encoding.Count);
            Assert.Equal(3, encoding.Sum());
            Assert.Equal(1, encoding.Take(8).Sum());
            Assert.Equal(1, encoding.Skip(8).Take(24).Sum());
            var sequence = tokens.ToTokens(motif);
            Assert.All(sequence.Select((t, i) => (t, i)), p => Assert.Contains(p.t, tokens.AllowedTokens(p.i)));
            Assert.Equal(motif, tokens.FromTokens(sequence));
        }

        // A non-canonical sequence decodes to the function's key.
        Assert.Equal("expr:mul(id,sigmoid)", tokens.FromTokens([1 + (int)BinaryOperator.SigmoidMultiply, 9, 9]).Key);
        var error = Assert.Throws<MotifFormatException>(() => tokens.FromTokens([9, 9, 9]));
        Assert.Contains("position 0", error.Message);
    }

    [Fact]
    public void Batched_networks_of_different_functions_equal_networks_built_one_function_at_a_time()
    {
        var factory = Space.MotifNetworks;
        using var generator = new Generator(5);
        var theta = factory.CreateInitialParameters(factory.DefaultOptions, generator, CPU, ScalarType.Float64);
        var motifs = Surrogates.ManagedUnrollTests.ExpressionFunctions.Select(Space.Parse).ToList();
        using var x = randn(4, 10, dtype: ScalarType.Float64);
        List<Tensor> Batched(int count) => [.. theta.Select(p => p.unsqueeze(0).expand([count, .. p.shape]).contiguous())];

        using var batched = factory.Create(motifs, factory.DefaultOptions, CPU, ScalarType.Float64);
        using var all = batched.Forward(Batched(motifs.Count), x);
        for (var i = 0; i < motifs.Count; i++)
        {
            using var single = factory.Create([motifs[i]], factory.DefaultOptions, CPU, ScalarType.Float64);
            using var one = single.Forward(Batched(1), x);
            Assert.True(all[i].allclose(one[0], rtol: 1e-12, atol: 1e-12), motifs[i].Key);
        }

        // Not all the same function: the batch would pass trivially.
        Assert.False(all[0].allclose(all[1]));
    }

    [Theory]
    [InlineData("relu", "expr:b(u1,u2)")]
    [InlineData("expr:mul(id)", "expected expr:b(u1,u2)")]
    [InlineData("expr:mul(id,sigmoid,tanh)", "expected expr:b(u1,u2)")]
    [InlineData("expr:pow(id,sigmoid)", "unknown binary operator 'pow'")]
    [InlineData("expr:mul(idd,sigmoid)", "unknown unary operator 'idd'")]
    [InlineData("expr:mul(id,sigmod)", "known unary operators: id, neg")]
    public void Bad_keys_are_refused_with_what_is_wrong(string key, string expected)
    {
        var error = Assert.Throws<MotifFormatException>(() => Space.Parse(key));
        Assert.Contains(expected, error.Message);
    }

    /// <summary>erf by numerical integration of 2/√π e^−t² (Simpson, 20,000 intervals).</summary>
    private static double ReferenceErf(double x)
    {
        const int n = 20000;
        var h = x / n;
        var sum = 1 + Math.Exp(-x * x);
        for (var i = 1; i < n; i++)
        {
            sum += (i % 2 == 1 ? 4 : 2) * Math.Exp(-(i * h) * (i * h));
        }

        return 2 / Math.Sqrt(Math.PI) * sum * h / 3;
    }
}
