namespace PetriDish.Plugins.Surrogate.SyntheticPetriDish.InnerTraining;

/// <summary>
/// How the dish's inner training computes. The same optimizer and arithmetic on every path, so they
/// agree up to float32 rounding; they differ in speed and in what the motif-network must provide.
/// <see cref="ComputePathSelector"/> chooses one per run of the inner loop.
/// </summary>
internal enum ComputePath
{
    /// <summary>The batched tensor program, every step differentiated by libtorch's autograd (the reference path).</summary>
    TensorAutograd,

    /// <summary>
    /// The batched tensor program, the steps outside the meta-gradient's graph (all of them when scoring)
    /// taking the network's hand-written gradient (<c>IMotifNetworkGradient</c>) instead of autograd.
    /// </summary>
    TensorHandWrittenGradient,

    /// <summary>No libtorch: the network's managed kernel (<c>IMotifNetworkBlockGradient</c>) trains block by block, no meta-gradient (scoring).</summary>
    ManagedInference,

    /// <summary>No libtorch: the managed kernel trains and its block meta-gradient (<c>IMotifNetworkBlockMetaGradient</c>) runs the unrolled steps in reverse (meta-learning).</summary>
    ManagedMetaGradient,
}
