namespace PetriDish.Core.Store;

/// <summary>A ground-truth evaluation handed to an executor's job (a worker process, a cluster job).</summary>
/// <param name="JobId">The executor's id of the job (a Slurm job id, a process id).</param>
/// <param name="Executor">Which executor ran it (<c>slurm</c>, <c>local</c>).</param>
/// <param name="Configuration">The ground truth's configuration hash.</param>
/// <param name="Motif">The motif's key.</param>
/// <param name="Fidelity">The fidelity's text form.</param>
/// <param name="Seed">The evaluation seed.</param>
/// <param name="Attempt">Which attempt this is (retries resubmit).</param>
/// <param name="ResultPath">Where the job writes its result.</param>
internal sealed record JobRecord(string JobId, string Executor, string Configuration, string Motif, string Fidelity, int Seed, int Attempt, string ResultPath);
