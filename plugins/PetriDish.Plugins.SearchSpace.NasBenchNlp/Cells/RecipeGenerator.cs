namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

/// <summary>
/// Draws random cells the way the NAS-Bench-NLP release generated its search space
/// (<c>search_space.RecepieGenerator</c>, as NASLib reproduces it): k hidden states and a budget of
/// intermediate nodes; repeatedly an operation by weight (linear 3, blend 1, prod 1, sum 1); a linear
/// reads 2 (weight 4) or 3 (weight 1) distinct inputs among x, the previous states and the
/// activations made so far, and is always followed by an activation (tanh, sigm, leaky_relu, equally
/// likely) of it; blend, prod and sum read 3 / 2 distinct inputs among the previous states and all
/// nodes so far (never x). Then k random nodes become h_new_0…k−1, nodes no output needs are
/// removed, and the cell is kept only if every input (x and each h_prev_j) is used and no h_new_j
/// reads an h_prev directly.
/// </summary>
/// <remarks>
/// The release made its 14k cells for k ∈ {1, 2, 3} and 7, 14 or 21 intermediate nodes, keeping up to
/// the first 100 valid cells of 200 tries per combination. Drawing a combination uniformly and
/// redrawing both after an invalid cell gives each combination its share of valid cells, which
/// matches those proportions wherever fewer than half the tries were valid.
/// </remarks>
public static class RecipeGenerator
{
    /// <summary>The release's hidden-state counts.</summary>
    public static IReadOnlyList<int> HiddenStateChoices { get; } = [1, 2, 3];

    /// <summary>The release's intermediate-node budgets.</summary>
    public static IReadOnlyList<int> IntermediateChoices { get; } = [7, 14, 21];

    private static readonly (CellOp Op, double Weight)[] MainOps = [(CellOp.Linear, 3), (CellOp.Blend, 1), (CellOp.Prod, 1), (CellOp.Sum, 1)];
    private static readonly CellOp[] Activations = [CellOp.Tanh, CellOp.Sigm, CellOp.LeakyRelu];

    /// <summary>A random valid cell.</summary>
    public static NlpCell Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        while (true)
        {
            var hidden = HiddenStateChoices[random.Next(HiddenStateChoices.Count)];
            var intermediate = IntermediateChoices[random.Next(IntermediateChoices.Count)];
            if (TryGenerate(random, hidden, intermediate) is { } recipe)
            {
                return CellCanonicalizer.Canonicalize(recipe, "a generated cell");
            }
        }
    }

    /// <summary>One try of the release's generator: the recipe, or null when it fails the sanity checks.</summary>
    public static IReadOnlyList<NamedNode>? TryGenerate(Random random, int hiddenStates, int intermediateNodes)
    {
        ArgumentNullException.ThrowIfNull(random);
        var previous = Enumerable.Range(0, hiddenStates).Select(j => $"h_prev_{j}").ToList();
        List<string> baseNodes = ["x", .. previous];
        var recipe = new List<NamedNode>();
        var activations = new List<string>();
        var i = 0;
        while (i < hiddenStates + intermediateNodes)
        {
            var op = Weighted(random);
            if (op == CellOp.Linear)
            {
                var candidates = baseNodes.Concat(activations).ToList();
                var count = Math.Min(random.NextDouble() < 0.8 ? 2 : 3, candidates.Count);
                recipe.Add(new NamedNode($"node_{i}", CellOp.Linear, Choose(random, candidates, count)));
                i++;
                // After a linear the release always adds an activation of it, even past the node budget.
                var activation = Activations[random.Next(Activations.Length)];
                recipe.Add(new NamedNode($"node_{i}", activation, [$"node_{i - 1}"]));
                activations.Add($"node_{i}");
                i++;
            }
            else
            {
                var count = op == CellOp.Blend ? 3 : 2;
                var candidates = previous.Concat(recipe.Select(n => n.Name)).ToList();
                if (count <= candidates.Count)
                {
                    recipe.Add(new NamedNode($"node_{i}", op, Choose(random, candidates, count)));
                    i++;
                }
            }
        }

        var renamed = Choose(random, [.. recipe.Select(n => n.Name)], hiddenStates)
            .Select((name, j) => (name, j)).ToDictionary(p => p.name, p => $"h_new_{p.j}", StringComparer.Ordinal);
        string Rename(string name) => renamed.GetValueOrDefault(name, name);
        recipe = [.. recipe.Select(n => n with { Name = Rename(n.Name), Inputs = [.. n.Inputs.Select(Rename)] })];

        var used = Needed(recipe);
        if (baseNodes.Any(b => !used.Contains(b)))
        {
            return null;
        }

        if (recipe.Any(n => CellCanonicalizer.OutputIndex(n.Name) >= 0 && n.Inputs.Any(input => CellCanonicalizer.PreviousIndex(input) >= 0)))
        {
            return null;
        }

        return [.. recipe.Where(n => used.Contains(n.Name))];
    }

    /// <summary>Every name the outputs depend on (themselves included).</summary>
    private static HashSet<string> Needed(List<NamedNode> recipe)
    {
        var byName = recipe.ToDictionary(n => n.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<string>(recipe.Where(n => CellCanonicalizer.OutputIndex(n.Name) >= 0).Select(n => n.Name));
        while (pending.TryDequeue(out var name))
        {
            if (!seen.Add(name))
            {
                continue;
            }

            if (byName.TryGetValue(name, out var node))
            {
                foreach (var input in node.Inputs)
                {
                    pending.Enqueue(input);
                }
            }
        }

        return seen;
    }

    private static CellOp Weighted(Random random)
    {
        var draw = random.NextDouble() * MainOps.Sum(o => o.Weight);
        foreach (var (op, weight) in MainOps)
        {
            if (draw < weight)
            {
                return op;
            }

            draw -= weight;
        }

        return MainOps[^1].Op;
    }

    /// <summary><paramref name="count"/> distinct items in random order (numpy's choice without replacement).</summary>
    private static List<string> Choose(Random random, List<string> items, int count)
    {
        var pool = items.ToList();
        var chosen = new List<string>(count);
        for (var k = 0; k < count; k++)
        {
            var pick = random.Next(pool.Count);
            chosen.Add(pool[pick]);
            pool.RemoveAt(pick);
        }

        return chosen;
    }
}
