using System.Globalization;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.Activation.Expressions;

/// <summary>
/// Composed activation functions f(x) = b(u₁(x), u₂(x)) (Ramachandran, Zoph and Le, 2017): every
/// distinct function of 8 binary and 24 unary operators, one canonical key each.
/// </summary>
public sealed class ExpressionSearchSpace : ISearchSpace
{
    private readonly ExpressionCatalog _catalog = ExpressionCatalog.Instance;
    private readonly Lazy<MlpGroundTruth> _groundTruth;

    public ExpressionSearchSpace(ExpressionSettings settings, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        MotifNetworks = new ActivationMotifNetworkFactory(settings.MotifNetwork, (motifs, device, _) => new ExpressionActivations([.. motifs.Select(Expect)], device));
        // Data is read on the first ground-truth evaluation, not when the manifest is validated.
        _groundTruth = new Lazy<MlpGroundTruth>(() => new MlpGroundTruth("expression", (motif, _) =>
        {
            var expression = Expect(motif);
            return new GroundTruthActivation(expression.Apply);
        }, settings.GroundTruth, context));
    }

    public string Description => string.Create(CultureInfo.InvariantCulture,
        $"composed activations b(u1(x), u2(x)): {_catalog.Distinct.Count} distinct functions of {ExpressionOperators.Binary.Count} binary and {ExpressionOperators.Unary.Count} unary operators");

    /// <summary>One-hot operators: b (8), u₁ (24), u₂ (24).</summary>
    public int EncodingLength => ExpressionOperators.Binary.Count + (2 * ExpressionOperators.Unary.Count);

    public IMotifAxis? Axis => null;

    public ITokenForm? Tokens { get; } = new ExpressionTokenForm();

    public IMotifNetworkFactory MotifNetworks { get; }

    public IGroundTruthEvaluator GroundTruth => _groundTruth.Value;

    /// <summary>Every distinct function, one canonical motif each.</summary>
    public IReadOnlyList<ExpressionMotif> Functions => _catalog.Distinct;

    /// <summary>Parses <c>expr:b(u1,u2)</c>; a key of a function that has a simpler key parses to that one.</summary>
    public IMotif Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.StartsWith(ExpressionMotif.Prefix, StringComparison.Ordinal))
        {
            throw new MotifFormatException(key, "a composed activation's key reads expr:b(u1,u2), e.g. expr:mul(id,sigmoid)");
        }

        var body = key[ExpressionMotif.Prefix.Length..];
        var open = body.IndexOf('(', StringComparison.Ordinal);
        var comma = body.IndexOf(',', StringComparison.Ordinal);
        if (open < 0 || comma < open || !body.EndsWith(')') || body.IndexOf(',', comma + 1) >= 0)
        {
            throw new MotifFormatException(key, "expected expr:b(u1,u2): a binary operator and two unary operators in parentheses, separated by a comma");
        }

        var (binaryName, firstName, secondName) = (body[..open].Trim(), body[(open + 1)..comma].Trim(), body[(comma + 1)..^1].Trim());
        var problems = new List<string>();
        if (!ExpressionOperators.TryParse(binaryName, out BinaryOperator binary))
        {
            problems.Add($"unknown binary operator '{binaryName}' (known: {string.Join(", ", ExpressionOperators.Binary.Select(ExpressionOperators.Name))})");
        }

        if (!ExpressionOperators.TryParse(firstName, out UnaryOperator first))
        {
            problems.Add($"unknown unary operator '{firstName}'");
        }

        if (!ExpressionOperators.TryParse(secondName, out UnaryOperator second))
        {
            problems.Add($"unknown unary operator '{secondName}'");
        }

        if (problems.Any(p => p.StartsWith("unknown unary", StringComparison.Ordinal)))
        {
            problems.Add($"known unary operators: {string.Join(", ", ExpressionOperators.Unary.Select(ExpressionOperators.Name))}");
        }

        return problems.Count > 0
            ? throw new MotifFormatException(key, string.Join("; ", problems))
            : _catalog.Canonical(new ExpressionMotif(binary, first, second));
    }

    /// <summary>Uniform over distinct functions, not over keys: a function with many keys is not drawn more often.</summary>
    public IMotif Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return _catalog.Distinct[random.Next(_catalog.Distinct.Count)];
    }

    /// <summary>Replaces one of the three operators, so that the function changes.</summary>
    public IMotif Mutate(IMotif motif, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var current = Expect(motif);
        while (true)
        {
            var slot = random.Next(3);
            var next = slot switch
            {
                0 => current with { Binary = ExpressionOperators.Binary[random.Next(ExpressionOperators.Binary.Count)] },
                1 => current with { First = ExpressionOperators.Unary[random.Next(ExpressionOperators.Unary.Count)] },
                _ => current with { Second = ExpressionOperators.Unary[random.Next(ExpressionOperators.Unary.Count)] },
            };
            var canonical = _catalog.Canonical(next);
            if (canonical != current)
            {
                return canonical;
            }
        }
    }

    public IReadOnlyList<double> Encode(IMotif motif)
    {
        var expression = Expect(motif);
        var encoding = new double[EncodingLength];
        encoding[(int)expression.Binary] = 1;
        encoding[ExpressionOperators.Binary.Count + (int)expression.First] = 1;
        encoding[ExpressionOperators.Binary.Count + ExpressionOperators.Unary.Count + (int)expression.Second] = 1;
        return encoding;
    }

    private static ExpressionMotif Expect(IMotif motif) => motif as ExpressionMotif
        ?? throw new ArgumentException($"'{motif?.Key}' is not a composed activation function (expr:b(u1,u2))", nameof(motif));
}
