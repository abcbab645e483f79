using PetriDish.Abstractions;

namespace PetriDish.Core.Comparison;

/// <summary>
/// A table-backed ground truth (a benchmark's published results) as observations: every tabulated
/// motif with its value, in the table's order; motifs the table records as failed are left out.
/// Lets <c>compare</c> and a run's reference use the table itself, so that pointing a manifest at
/// another copy of the benchmark changes nothing else.
/// </summary>
internal static class TabulatedObservations
{
    /// <summary>The table's rows, or null when the space's ground truth is not a table.</summary>
    public static IReadOnlyList<ObservationRow>? Read(ISearchSpace space)
    {
        ArgumentNullException.ThrowIfNull(space);
        if (space.GroundTruth is not ITabulatedGroundTruth table)
        {
            return null;
        }

        var rows = new List<ObservationRow>();
        foreach (var motif in table.Tabulated)
        {
            double value;
            try
            {
                // A lookup: synchronous underneath, with no training to wait for.
                value = table.EvaluateAsync(motif, Fidelity.Full, seed: 0, null, CancellationToken.None).GetAwaiter().GetResult().Value;
            }
            catch (Exception ex) when (ex is not OperationCanceledException and not IOException and not InvalidDataException)
            {
                continue; // recorded as failed in the table (e.g. training diverged): no value to rank
            }

            if (double.IsFinite(value))
            {
                rows.Add(new ObservationRow(motif, value, null, rows.Count + 1));
            }
        }

        return rows;
    }
}
