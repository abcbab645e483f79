using System.Globalization;
using PetriDish.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace PetriDish.Sdk.Conformance;

/// <summary>
/// Checks a search space against the rules of the contracts that the host relies on but cannot
/// enforce by types: keys that parse back, samples and mutations inside the space, encodings of the
/// declared length, token forms that decode back, a motif-network forward of the declared shape with
/// finite gradients, and hand-written gradients or block kernels that agree with autograd.
/// <c>petridish check</c> runs it on a plugin folder; a plugin's own tests can call it directly.
/// </summary>
/// <example>
/// <code>
/// var failures = SearchSpaceConformance.Check("my-space", space).Where(r => !r.Passed);
/// Assert.Empty(failures);
/// </code>
/// </example>
public static class SearchSpaceConformance
{
    private const int Motifs = 24;
    private const int NetworkMotifs = 5;
    private const int Batch = 6;

    /// <summary>Checks every rule of <see cref="ConformanceRules"/> on <paramref name="space"/>, one result per rule.</summary>
    /// <param name="plugin">The plugin's id, named in every result.</param>
    /// <param name="space">The search space to check (with the settings it is meant to run with).</param>
    /// <param name="seed">Seed of the motifs drawn and the tensors made.</param>
    public static IReadOnlyList<ConformanceResult> Check(string plugin, ISearchSpace space, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(plugin);
        ArgumentNullException.ThrowIfNull(space);
        var results = new List<ConformanceResult>();
        var random = new Random(seed);
        List<IMotif> sampled = [];
        results.Add(Rule(plugin, ConformanceRules.Sample, () =>
        {
            for (var i = 0; i < Motifs; i++)
            {
                var motif = space.Sample(random) ?? throw new RuleBroken("Sample returned null");
                if (string.IsNullOrWhiteSpace(motif.Key))
                {
                    throw new RuleBroken($"Sample gave a motif with an empty key ({motif.GetType().Name})");
                }

                sampled.Add(motif);
            }

            var distinct = sampled.Select(m => m.Key).Distinct(StringComparer.Ordinal).Count();
            if (distinct == 1 && !(space is IFiniteSearchSpace { Count: 1 }))
            {
                throw new RuleBroken($"{Motifs} draws all gave '{sampled[0].Key}'");
            }

            return $"{Motifs} draws, {distinct} distinct motifs";
        }));
        if (sampled.Count == 0)
        {
            return results; // Every other rule needs motifs.
        }

        results.Add(Rule(plugin, ConformanceRules.KeyRoundTrip, () =>
        {
            foreach (var motif in sampled)
            {
                RoundTrip(space, motif, "the sampled motif");
            }

            return $"{sampled.Count} sampled keys parse back to themselves";
        }));
        results.Add(Rule(plugin, ConformanceRules.Mutate, () =>
        {
            var changed = 0;
            foreach (var motif in sampled)
            {
                var child = space.Mutate(motif, random) ?? throw new RuleBroken($"Mutate({motif.Key}) returned null");
                RoundTrip(space, child, $"Mutate({motif.Key})");
                changed += child.Key == motif.Key ? 0 : 1;
            }

            return changed == 0 && !(space is IFiniteSearchSpace { Count: 1 })
                ? throw new RuleBroken($"Mutate never changed any of {sampled.Count} motifs")
                : $"{sampled.Count} mutations stay in the space ({changed} changed the motif)";
        }));
        results.Add(Rule(plugin, ConformanceRules.Encoding, () =>
        {
            if (space.EncodingLength < 1)
            {
                throw new RuleBroken($"EncodingLength is {space.EncodingLength}; encoding-based predictors need at least one number");
            }

            if (sampled.Select(m => EncodingProblem(space, m)).FirstOrDefault(p => p is not null) is { } problem)
            {
                throw new RuleBroken(problem);
            }

            return $"{sampled.Count} encodings of length {space.EncodingLength}, finite";
        }));
        results.Add(Rule(plugin, ConformanceRules.Tokens, () => space.Tokens is { } tokens ? CheckTokens(space, tokens, sampled) : "no token form (NAO cannot search this space)"));
        results.Add(Rule(plugin, ConformanceRules.Axis, () => space.Axis is { } axis ? CheckAxis(space, axis, sampled) : "no axis (not a one-parameter family)"));
        results.Add(Rule(plugin, ConformanceRules.Finite, () => space is IFiniteSearchSpace finite ? CheckFinite(space, finite) : "not finite (IFiniteSearchSpace not implemented)"));
        CheckNetworks(plugin, space, sampled, seed, results);
        return results;
    }

    /// <summary>
    /// What is wrong with <paramref name="motif"/>'s key, or null when <c>Parse</c> gives back a motif
    /// with the same key. The text starts with the key: <c>'k', which Parse refuses: …</c> or
    /// <c>'k'; Parse of it gives a motif with key 'k2'</c>.
    /// </summary>
    /// <param name="space">The search space that made the motif.</param>
    /// <param name="motif">The motif.</param>
    public static string? KeyProblem(ISearchSpace space, IMotif motif)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(motif);
        IMotif parsed;
        try
        {
            parsed = space.Parse(motif.Key);
        }
        catch (MotifFormatException ex)
        {
            return $"'{motif.Key}', which Parse refuses: {ex.Message}";
        }

        return parsed.Key == motif.Key ? null : $"'{motif.Key}'; Parse of it gives a motif with key '{parsed.Key}'";
    }

    /// <summary>What is wrong with <c>Encode(motif)</c> (null, a length other than <c>EncodingLength</c>, a number that is not finite), or null.</summary>
    /// <param name="space">The search space.</param>
    /// <param name="motif">One of its motifs.</param>
    public static string? EncodingProblem(ISearchSpace space, IMotif motif)
    {
        ArgumentNullException.ThrowIfNull(space);
        ArgumentNullException.ThrowIfNull(motif);
        var encoding = space.Encode(motif);
        if (encoding is null)
        {
            return $"Encode({motif.Key}) returned null";
        }

        if (encoding.Count != space.EncodingLength)
        {
            return $"Encode({motif.Key}) has {encoding.Count} numbers; EncodingLength says {space.EncodingLength}";
        }

        for (var i = 0; i < encoding.Count; i++)
        {
            if (!double.IsFinite(encoding[i]))
            {
                return $"Encode({motif.Key})[{i}] is {encoding[i].ToString(CultureInfo.InvariantCulture)}";
            }
        }

        return null;
    }

    private static void RoundTrip(ISearchSpace space, IMotif motif, string what)
    {
        if (KeyProblem(space, motif) is { } problem)
        {
            throw new RuleBroken($"{what} has key {problem}");
        }
    }

    private static string CheckTokens(ISearchSpace space, ITokenForm tokens, List<IMotif> motifs)
    {
        foreach (var motif in motifs)
        {
            var sequence = tokens.ToTokens(motif);
            if (sequence.Count != tokens.Length)
            {
                throw new RuleBroken($"ToTokens({motif.Key}) has {sequence.Count} tokens; Length says {tokens.Length}");
            }

            for (var i = 0; i < sequence.Count; i++)
            {
                if (sequence[i] < 1 || sequence[i] >= tokens.VocabularySize)
                {
                    throw new RuleBroken($"ToTokens({motif.Key})[{i}] is {sequence[i]}, outside 1 … {tokens.VocabularySize - 1}");
                }

                if (!tokens.AllowedTokens(i).Contains(sequence[i]))
                {
                    throw new RuleBroken($"ToTokens({motif.Key})[{i}] is {sequence[i]}, which AllowedTokens({i}) does not allow");
                }
            }

            var decoded = tokens.FromTokens(sequence);
            if (decoded.Key != motif.Key)
            {
                throw new RuleBroken($"FromTokens(ToTokens({motif.Key})) gives '{decoded.Key}'");
            }

            RoundTrip(space, decoded, $"FromTokens(ToTokens({motif.Key}))");
        }

        return $"{motifs.Count} motifs: {tokens.Length} tokens each, allowed, decoding back";
    }

    private static string CheckAxis(ISearchSpace space, IMotifAxis axis, List<IMotif> motifs)
    {
        if (!(axis.Minimum < axis.Maximum))
        {
            throw new RuleBroken($"the axis '{axis.Name}' runs from {axis.Minimum} to {axis.Maximum}");
        }

        foreach (var motif in motifs)
        {
            var position = axis.PositionOf(motif);
            if (!(position >= axis.Minimum && position <= axis.Maximum))
            {
                throw new RuleBroken($"PositionOf({motif.Key}) is {position.ToString(CultureInfo.InvariantCulture)}, outside [{axis.Minimum}, {axis.Maximum}]");
            }

            var back = axis.At(position);
            if (back.Key != motif.Key)
            {
                throw new RuleBroken($"At(PositionOf({motif.Key})) gives '{back.Key}'");
            }

            RoundTrip(space, back, $"At({position.ToString(CultureInfo.InvariantCulture)})");
        }

        return $"{motifs.Count} motifs map to positions in [{axis.Minimum}, {axis.Maximum}] and back";
    }

    private static string CheckFinite(ISearchSpace space, IFiniteSearchSpace finite)
    {
        const long Checked = 200_000;
        if (finite.Count < 1)
        {
            throw new RuleBroken($"Count is {finite.Count}");
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var motif in finite.Enumerate().Take((int)Math.Min(finite.Count + 1, Checked + 1)))
        {
            if (!keys.Add(motif.Key))
            {
                throw new RuleBroken($"Enumerate gives '{motif.Key}' twice");
            }

            if (keys.Count <= 1000)
            {
                RoundTrip(space, motif, "an enumerated motif");
            }
        }

        if (finite.Count <= Checked && keys.Count != finite.Count)
        {
            throw new RuleBroken($"Enumerate gives {keys.Count} motifs; Count says {finite.Count}");
        }

        return finite.Count <= Checked ? $"{finite.Count} distinct motifs enumerated" : $"the first {Checked} of {finite.Count} motifs distinct";
    }

    private static void CheckNetworks(string plugin, ISearchSpace space, List<IMotif> sampled, int seed, List<ConformanceResult> results)
    {
        var motifs = sampled.DistinctBy(m => m.Key, StringComparer.Ordinal).Take(NetworkMotifs).ToList();
        using var scope = NewDisposeScope();
        IMotifNetwork? network = null;
        MotifNetworkOptions? options = null;
        Tensor[] initial = [];
        Tensor? inputs = null;
        results.Add(Rule(plugin, ConformanceRules.Forward, () =>
        {
            var factory = space.MotifNetworks ?? throw new RuleBroken("MotifNetworks is null");
            options = factory.DefaultOptions;
            using var generator = new Generator((ulong)seed);
            initial = [.. factory.CreateInitialParameters(options, generator, CPU, ScalarType.Float32)];
            inputs = randn([Batch, .. options.SampleShape], generator: generator);
            network = factory.Create(motifs, options, CPU, ScalarType.Float32);
            if (network.Count != motifs.Count)
            {
                throw new RuleBroken($"a network of {motifs.Count} motifs says Count = {network.Count}");
            }

            var parameters = Batched(initial, motifs.Count, requiresGrad: true);
            var logits = network.Forward(parameters, inputs);
            long[] expected = [motifs.Count, Batch, options.OutputSize];
            if (!logits.shape.SequenceEqual(expected))
            {
                throw new RuleBroken($"Forward of {motifs.Count} motifs on {Batch} samples of shape [{string.Join(", ", options.SampleShape)}] gives [{string.Join(", ", logits.shape)}]; expected [{string.Join(", ", expected)}] (motifs, samples, OutputSize)");
            }

            // A motif whose network diverges (an unbounded recurrence, say) is a property of that motif:
            // the dish scores it as diverged. What would be a plugin's bug is one motif poisoning the
            // others, or every network diverging at the default settings.
            var finite = logits.isfinite().flatten(1).all(1);
            var diverged = motifs.Count - (int)finite.sum().item<long>();
            if (diverged == motifs.Count)
            {
                throw new RuleBroken($"Forward gives non-finite logits for every motif ({Which(finite, motifs)}): check the default InitScale and the network's arithmetic");
            }

            var targets = Targets(motifs.Count, options.OutputSize, seed);
            var perNetwork = PerNetworkLoss(logits, targets);
            var loss = perNetwork.masked_select(finite).sum();
            var gradients = autograd.grad([loss], parameters, allow_unused: true);
            for (var p = 0; p < gradients.Count; p++)
            {
                if (gradients[p] is { } g && !g.IsInvalid && !g.reshape(motifs.Count, -1).isfinite().all(1).masked_select(finite).all().item<bool>())
                {
                    throw new RuleBroken($"the gradient of parameter {p} is not finite for a motif whose logits are finite");
                }
            }

            if (diverged > 0)
            {
                return $"{motifs.Count} motifs × {Batch} samples → [{string.Join(", ", expected)}]; {diverged} diverge at the default settings ({Which(finite, motifs)}: the dish scores them as diverged), the others finite with finite gradients";
            }

            return $"{motifs.Count} motifs × {Batch} samples → [{string.Join(", ", expected)}], finite, finite gradients";
        }));

        if (network is null || options is null || inputs is null || !results[^1].Passed)
        {
            return;
        }

        var batchTargets = Targets(motifs.Count, options.OutputSize, seed);
        results.Add(Rule(plugin, ConformanceRules.HandWrittenGradient, () =>
        {
            if (network is not IMotifNetworkGradient handWritten)
            {
                return "no hand-written gradient (IMotifNetworkGradient not implemented: autograd is used)";
            }

            var (referenceLoss, referenceGradients) = Autograd(network, initial, inputs, batchTargets);
            var (loss, gradients) = handWritten.LossAndGradients(Batched(initial, motifs.Count, requiresGrad: false), inputs, batchTargets, computeLoss: true);
            Agree("loss", loss ?? throw new RuleBroken("LossAndGradients returned no loss although computeLoss was true"), referenceLoss, motifs);
            for (var p = 0; p < referenceGradients.Count; p++)
            {
                Agree($"gradient of parameter {p}", gradients[p], referenceGradients[p], motifs);
            }

            return $"loss and {referenceGradients.Count} gradient tensors agree with autograd on {motifs.Count} motifs";
        }));
        results.Add(Rule(plugin, ConformanceRules.BlockKernel, () =>
            network is IMotifNetworkBlockGradient kernel ? CheckBlockKernel(network, kernel, initial, inputs, options, motifs, seed)
                : "no block kernel (IMotifNetworkBlockGradient not implemented: the dish trains on tensors)"));
        network.Dispose();
    }

    private static string CheckBlockKernel(IMotifNetwork network, IMotifNetworkBlockGradient kernel, Tensor[] initial, Tensor inputs, MotifNetworkOptions options, List<IMotif> motifs, int seed)
    {
        var lanes = kernel.BlockSize;
        if (lanes < 1)
        {
            throw new RuleBroken($"BlockSize is {lanes}");
        }

        // The kernel shares the targets across its lanes, as the dish does.
        var shared = Targets(1, options.OutputSize, seed);
        var targets = shared.expand(motifs.Count, Batch, options.OutputSize);
        var (referenceLoss, referenceGradients) = Autograd(network, initial, inputs, targets);
        var theta = cat(initial.Select(t => t.flatten()).ToArray()).data<float>().ToArray();
        var size = theta.Length;
        var laneParameters = new float[size * lanes];
        for (var p = 0; p < size; p++)
        {
            Array.Fill(laneParameters, theta[p], p * lanes, lanes);
        }

        var gradient = new float[size * lanes];
        var losses = new float[lanes];
        var flatInputs = inputs.contiguous().data<float>().ToArray();
        var flatTargets = shared[0].contiguous().data<float>().ToArray();
        var reference = cat(referenceGradients.Select(g => g.flatten(1)).ToArray(), dim: 1);
        for (var first = 0; first < motifs.Count; first += lanes)
        {
            kernel.LossAndGradient(first, laneParameters, flatInputs, flatTargets, Batch, gradient, losses);
            for (var lane = 0; lane < lanes && first + lane < motifs.Count; lane++)
            {
                var n = first + lane;
                var lossReference = referenceLoss[n].item<float>();
                if (!Close(losses[lane], lossReference))
                {
                    throw new RuleBroken($"the kernel's loss for {motifs[n].Key} is {losses[lane].ToString(CultureInfo.InvariantCulture)}; autograd's {lossReference.ToString(CultureInfo.InvariantCulture)}");
                }

                var row = reference[n].data<float>().ToArray();
                for (var p = 0; p < size; p++)
                {
                    if (!Close(gradient[(p * lanes) + lane], row[p]))
                    {
                        throw new RuleBroken($"the kernel's gradient of parameter {p} for {motifs[n].Key} is {gradient[(p * lanes) + lane].ToString(CultureInfo.InvariantCulture)}; autograd's {row[p].ToString(CultureInfo.InvariantCulture)}");
                    }
                }
            }
        }

        var firstOrder = $"loss and gradient of {size} parameters agree with autograd on {motifs.Count} motifs ({lanes} lanes per block)";
        return kernel is IMotifNetworkBlockMetaGradient meta
            ? firstOrder + "; " + CheckBlockMetaGradient(network, meta, initial, inputs, targets, laneParameters, flatInputs, flatTargets, motifs, seed)
            : firstOrder + "; no managed meta-gradient (IMotifNetworkBlockMetaGradient not implemented: meta-learning runs on tensors)";
    }

    /// <summary>
    /// The managed meta-gradient's two products against autograd's (second order through the tensor
    /// program): each lane's input gradient of its loss, and for a random direction u its Hessian times u
    /// and the input gradient of ⟨∇_θ loss, u⟩ (summed over the motifs). A kernel that gets the loss
    /// right but its input gradient wrong would otherwise learn wrong synthetic samples without a sign.
    /// </summary>
    private static string CheckBlockMetaGradient(IMotifNetwork network, IMotifNetworkBlockMetaGradient meta, Tensor[] initial, Tensor inputs, Tensor targets, float[] laneParameters, float[] flatInputs, float[] flatTargets, List<IMotif> motifs, int seed)
    {
        var lanes = meta.BlockSize;
        var size = laneParameters.Length / lanes;
        var parameters = Batched(initial, motifs.Count, requiresGrad: true);
        var x = inputs.detach().clone().requires_grad_(true);
        var perNetwork = PerNetworkLoss(network.Forward(parameters, x), targets);
        var inputReference = Enumerable.Range(0, motifs.Count)
            .Select(n => autograd.grad([perNetwork[n]], [x], retain_graph: true)[0].flatten().data<float>().ToArray()).ToList();
        using var generator = new Generator((ulong)seed + 2);
        var directions = parameters.Select(p => randn(p.shape, generator: generator)).ToArray();
        var gradients = autograd.grad([perNetwork.sum()], parameters, retain_graph: true, create_graph: true);
        var inner = gradients.Select((g, i) => g.mul(directions[i]).sum()).Aggregate((a, b) => a.add(b, HeldScalars.One));
        var second = autograd.grad([inner], [.. parameters, x], allow_unused: true);
        var productReference = cat([.. second.Take(parameters.Length).Select((g, i) => g is null || g.IsInvalid ? zeros_like(parameters[i]).flatten(1) : g.flatten(1))], dim: 1);
        var inputProductReference = second[^1] is { } sx && !sx.IsInvalid ? sx.flatten().data<float>().ToArray() : new float[flatInputs.Length];
        var u = cat([.. directions.Select(d => d.flatten(1))], dim: 1);

        var inputProduct = new float[flatInputs.Length * lanes];
        var weights = new float[lanes];
        var parameterGradient = new float[size * lanes];
        var inputGradient = new float[flatInputs.Length * lanes];
        var direction = new float[size * lanes];
        var parameterProduct = new float[size * lanes];
        for (var first = 0; first < motifs.Count; first += lanes)
        {
            var real = Math.Min(lanes, motifs.Count - first);
            Array.Clear(weights);
            Array.Fill(weights, 1f, 0, real);
            Array.Clear(inputGradient);
            meta.WeightedLossGradient(first, laneParameters, flatInputs, flatTargets, Batch, weights, parameterGradient, inputGradient);
            Array.Clear(direction);
            for (var lane = 0; lane < real; lane++)
            {
                var row = u[first + lane].data<float>().ToArray();
                for (var p = 0; p < size; p++)
                {
                    direction[(p * lanes) + lane] = row[p];
                }
            }

            meta.GradientProducts(first, laneParameters, flatInputs, flatTargets, Batch, direction, parameterProduct, inputProduct);
            for (var lane = 0; lane < real; lane++)
            {
                var n = first + lane;
                AgreeLane("input gradient of the loss (WeightedLossGradient)", inputGradient, lanes, lane, inputReference[n], motifs[n]);
                AgreeLane("Hessian times a direction (GradientProducts)", parameterProduct, lanes, lane, productReference[n].data<float>().ToArray(), motifs[n]);
            }
        }

        // Padding lanes had direction 0, so the lanes' sum is the motifs' sum autograd gives.
        var summed = new float[flatInputs.Length];
        for (var i = 0; i < summed.Length; i++)
        {
            for (var lane = 0; lane < lanes; lane++)
            {
                summed[i] += inputProduct[(i * lanes) + lane];
            }
        }

        AgreeLane("input gradient of ⟨∇θ loss, u⟩ summed over motifs (GradientProducts)", summed, 1, 0, inputProductReference, null);
        return "meta-gradient products (input gradient, Hessian times a direction) agree with autograd's second order";
    }

    /// <summary>One lane of a lane-major array against a reference vector, to a tolerance relative to the reference's size.</summary>
    private static void AgreeLane(string what, float[] actual, int lanes, int lane, float[] reference, IMotif? motif)
    {
        var scale = reference.Length == 0 ? 0 : reference.Max(Math.Abs);
        var tolerance = 1e-4 + (2e-3 * scale);
        for (var i = 0; i < reference.Length; i++)
        {
            var value = actual[(i * lanes) + lane];
            if (!(Math.Abs(value - reference[i]) <= tolerance))
            {
                throw new RuleBroken($"the kernel's {what}, element {i}{(motif is null ? "" : $" for {motif.Key}")}, is {value.ToString(CultureInfo.InvariantCulture)}; autograd's {reference[i].ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static (Tensor Loss, IReadOnlyList<Tensor> Gradients) Autograd(IMotifNetwork network, Tensor[] initial, Tensor inputs, Tensor targets)
    {
        var parameters = Batched(initial, network.Count, requiresGrad: true);
        var logits = network.Forward(parameters, inputs);
        var perNetwork = PerNetworkLoss(logits, targets);
        var gradients = autograd.grad([perNetwork.sum()], parameters, allow_unused: true);
        return (perNetwork.detach(), [.. gradients.Select((g, i) => g is null || g.IsInvalid ? zeros_like(parameters[i]) : g)]);
    }

    /// <summary>Each network's mean binary cross-entropy over samples and outputs, as the dish's inner loss and the kernels compute it.</summary>
    private static Tensor PerNetworkLoss(Tensor logits, Tensor targets) =>
        nn.functional.binary_cross_entropy_with_logits(logits, targets, reduction: nn.Reduction.None).mean([1, 2]);

    private static Tensor[] Batched(Tensor[] initial, int count, bool requiresGrad) =>
        [.. initial.Select(t => t.unsqueeze(0).expand([count, .. t.shape]).clone().requires_grad_(requiresGrad))];

    private static Tensor Targets(int count, int outputs, int seed)
    {
        using var generator = new Generator((ulong)seed + 1);
        using var half = 0.5.ToScalar(); // held for the native call (see HeldScalars)
        return rand([count, Batch, outputs], generator: generator).gt(half).to_type(ScalarType.Float32);
    }

    private static void Agree(string what, Tensor actual, Tensor expected, List<IMotif> motifs)
    {
        if (!actual.shape.SequenceEqual(expected.shape))
        {
            throw new RuleBroken($"the {what} has shape [{string.Join(", ", actual.shape)}]; autograd's [{string.Join(", ", expected.shape)}]");
        }

        var tolerance = 1e-4 * (1 + expected.abs().max().item<float>());
        var difference = actual.to_type(ScalarType.Float32).add(expected, HeldScalars.MinusOne).abs().reshape(expected.shape[0], -1).max(1).values; // per motif
        if (difference.max().item<float>() > tolerance)
        {
            var worst = difference.argmax().item<long>();
            throw new RuleBroken($"the {what} differs from autograd's by {difference.max().item<float>().ToString("G3", CultureInfo.InvariantCulture)} for {motifs[(int)worst].Key}");
        }
    }

    private static bool Close(float actual, float expected) => Math.Abs(actual - expected) <= 1e-4 * (1 + Math.Abs(expected)) + (2e-3 * Math.Abs(expected));

    private static string Which(Tensor finitePerMotif, List<IMotif> motifs) =>
        string.Join(", ", motifs.Where((_, i) => !finitePerMotif[i].item<bool>()).Select(m => m.Key));

    private static ConformanceResult Rule(string plugin, string rule, Func<string> check)
    {
        try
        {
            return new ConformanceResult(plugin, rule, true, check());
        }
        catch (RuleBroken broken)
        {
            return new ConformanceResult(plugin, rule, false, broken.Message);
        }
#pragma warning disable CA1031 // A plugin's exception is the finding: it is reported with the rule, never thrown past the check.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // libtorch appends its C++ stack to the message: the first line says what went wrong.
            var firstLine = ex.Message.Split('\n', 2)[0].TrimEnd();
            return new ConformanceResult(plugin, rule, false, $"threw {ex.GetType().Name}: {firstLine}");
        }
    }

    private sealed class RuleBroken(string message) : Exception(message);
}
