using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Core.Execution;

/// <summary>Settings of the <c>slurm</c> executor: what every ground-truth job asks the cluster for.</summary>
internal sealed class SlurmExecutorSettings
{
    [Description("Partition (sbatch --partition); default: the cluster's default partition.")]
    public string? Partition { get; init; }

    [Description("Time limit per evaluation (sbatch --time), e.g. 00:30:00.")]
    public string? TimeLimit { get; init; }

    [Description("CPUs per evaluation (sbatch --cpus-per-task).")]
    [Range(1, 1024)]
    public int Cpus { get; init; } = 1;

    [Description("Memory per evaluation (sbatch --mem), e.g. 4G.")]
    public string? Memory { get; init; }

    [Description("Generic resources (sbatch --gres), e.g. gpu:1.")]
    public string? Gpus { get; init; }

    [Description("More sbatch options, one per entry, e.g. --account=myproject.")]
    public IReadOnlyList<string> ExtraArguments { get; init; } = [];

    [Description("Folder the jobs run in (sbatch --chdir); default: the run folder. Must be visible to the compute nodes, like the run folder and the plugins.")]
    public string? WorkingDirectory { get; init; }

    [Description("At most this many jobs submitted and not yet finished.")]
    [Range(1, 100000)]
    public int MaxJobsInFlight { get; init; } = 16;

    [Description("Seconds between polls of the job states (scontrol show job).")]
    [Range(0.1, 3600.0)]
    public double PollSeconds { get; init; } = 2;
}
