using System.Globalization;
using PetriDish.Abstractions;
using PetriDish.Core.Manifest;
using PetriDish.Sdk;

namespace PetriDish.Core.Comparison;

/// <summary>Training and test observations for a comparison, and how they were chosen.</summary>
public sealed record DataSplit(IReadOnlyList<ObservationRow> Train, IReadOnlyList<ObservationRow> Test, string Rule)
{
    /// <summary>
    /// Uses the CSV's split column when present; otherwise the manifest's rule: motifs inside
    /// <c>train.range</c> (one-parameter families) are eligible, of which <c>count</c> or <c>fraction</c>
    /// are drawn with <paramref name="seed"/>; everything else is test.
    /// </summary>
    public static DataSplit Choose(IReadOnlyList<ObservationRow> rows, TrainSelection selection, ISearchSpace space, int seed)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(space);
        DataSplit split;
        if (rows.Any(r => r.Split is not null))
        {
            split = new DataSplit([.. rows.Where(r => r.Split == "train")], [.. rows.Where(r => r.Split == "test")], "split column of the observations file");
        }
        else
        {
            var eligible = rows.ToList();
            var rule = new List<string>();
            if (selection.Range is { Count: 2 } range)
            {
                if (space.Axis is not { } axis)
                {
                    throw new InvalidInputException("compare.train.range needs a one-parameter search space; this one has no axis");
                }

                eligible = [.. rows.Where(r => axis.PositionOf(r.Motif) >= range[0] && axis.PositionOf(r.Motif) <= range[1])];
                rule.Add(string.Create(CultureInfo.InvariantCulture, $"{axis.Name} in [{range[0]}, {range[1]}]"));
            }

            var count = selection.Count ?? (selection.Fraction is { } f ? (int)Math.Round(f * eligible.Count) : eligible.Count);
            if (count < eligible.Count)
            {
                var random = new DeterministicRandom(Seeds.Derive(seed, "compare-split"));
                eligible = [.. eligible.OrderBy(_ => random.NextDouble()).Take(count).OrderBy(r => r.Line)];
                rule.Add($"{count} drawn at random (seed {seed})");
            }

            var train = eligible.ToHashSet();
            split = new DataSplit([.. rows.Where(train.Contains)], [.. rows.Where(r => !train.Contains(r))], rule.Count == 0 ? "all rows train" : string.Join(", ", rule));
        }

        if (split.Train.Count < 3)
        {
            throw new InvalidInputException($"only {split.Train.Count} training observation(s) ({split.Rule}); at least 3 are needed");
        }

        if (split.Train.Select(r => r.Value).Distinct().Count() == 1)
        {
            throw new InvalidInputException($"every training observation has the value {split.Train[0].Value.ToString("R", CultureInfo.InvariantCulture)}: a constant ground truth has no ranking to learn");
        }

        if (split.Test.Count < 2)
        {
            throw new InvalidInputException($"only {split.Test.Count} test observation(s) ({split.Rule}); at least 2 are needed to rank");
        }

        return split;
    }
}
