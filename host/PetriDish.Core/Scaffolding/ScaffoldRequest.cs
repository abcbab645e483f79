using PetriDish.Abstractions;

namespace PetriDish.Core.Scaffolding;

/// <summary>What <c>petridish new</c> was asked for, validated.</summary>
/// <param name="Kind">The plugin kind.</param>
/// <param name="Name">A C# identifier (PascalCase), used for types and the project name.</param>
/// <param name="Id">The plugin id, kebab-case.</param>
/// <param name="Output">The folder the plugin and its tests go to.</param>
/// <param name="PackageVersion">The version of the PetriDish.Abstractions and PetriDish.Sdk packages the projects reference.</param>
/// <param name="Grid">A search space: a finite grid of parameter values (<c>IFiniteSearchSpace</c>) instead of an interval.</param>
/// <param name="Fast">A search space: with a block kernel (PetriDish.Kernels), the Petri dish's managed compute path.</param>
internal sealed record ScaffoldRequest(PluginKind Kind, string Name, string Id, string Output, string PackageVersion, bool Grid = false, bool Fast = false);
