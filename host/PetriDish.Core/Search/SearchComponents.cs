using PetriDish.Abstractions;

namespace PetriDish.Core.Search;

/// <summary>The plugins a search runs with.</summary>
/// <param name="Space">The search space.</param>
/// <param name="SpaceId">The search space's plugin id, for messages.</param>
/// <param name="Optimizer">The optimizer and its plugin id.</param>
/// <param name="OptimizerId">The optimizer's plugin id, for messages.</param>
/// <param name="Surrogate">The screening surrogate, or null for a plain search.</param>
/// <param name="SurrogateName">The surrogate's name in the manifest.</param>
internal sealed record SearchComponents(ISearchSpace Space, string SpaceId, IOptimizer Optimizer, string OptimizerId, ISurrogate? Surrogate, string? SurrogateName);
