using System.Globalization;
using Newtonsoft.Json;
using PetriDish.Core.Store;

namespace PetriDish.Core.Search;

/// <summary>
/// The training time a benchmark recorded for the motifs a search looked up instead of training (the
/// <c>train_seconds</c> detail a tabulated ground truth reports, such as NAS-Bench-201's): the GPU
/// time the lookups saved, summed over the successful evaluations.
/// </summary>
internal static class TabulatedTrainingTime
{
    /// <summary>The detail a tabulated ground truth records its training seconds in.</summary>
    public const string Detail = "train_seconds";

    /// <summary>The recorded seconds summed and how many evaluations had them; null when none did.</summary>
    public static (double Seconds, int Evaluations)? Of(IEnumerable<EvaluationRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var (seconds, evaluations) = (0.0, 0);
        foreach (var record in records.Where(r => r.Status == EvaluationStatus.Completed && r.Details is not null))
        {
            var details = JsonConvert.DeserializeObject<Dictionary<string, double>>(record.Details!);
            if (details is not null && details.TryGetValue(Detail, out var value) && double.IsFinite(value))
            {
                (seconds, evaluations) = (seconds + value, evaluations + 1);
            }
        }

        return evaluations > 0 ? (seconds, evaluations) : null;
    }

    /// <summary>One line for a report, e.g. <c>12.3 GPU-hours saved (the benchmark's training time of the 30 looked-up evaluations)</c>.</summary>
    public static string Describe((double Seconds, int Evaluations) saved) =>
        string.Create(CultureInfo.InvariantCulture, $"{saved.Seconds / 3600:F1} GPU-hours saved (the benchmark's training time of the {saved.Evaluations} looked-up evaluations)");
}
