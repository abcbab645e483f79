using System.ComponentModel;
using System.ComponentModel.DataAnnotations;

namespace PetriDish.Plugins.Surrogate.Gbdt;

/// <summary>Settings of the <c>gbdt</c> surrogate (ML.NET FastTree regression).</summary>
public sealed class GbdtSettings
{
    /// <summary>The <see cref="Library"/> value for ML.NET's FastTree (managed code; the default).</summary>
    public const string FastTree = "fasttree";

    /// <summary>The <see cref="Library"/> value for LightGBM through ML.NET (a native library).</summary>
    public const string LightGbm = "lightgbm";

    [Description("Boosting rounds (trees).")]
    [Range(1, 10000)]
    public int Trees { get; init; } = 300;

    [Description("Leaves per tree.")]
    [Range(2, 1024)]
    public int Leaves { get; init; } = 8;

    [Description("The fewest observations a leaf may hold: small, because NAS predictors learn from 10 to 200 motifs.")]
    [Range(1, 1000)]
    public int MinimumPerLeaf { get; init; } = 2;

    [Description("Shrinkage of each tree's contribution.")]
    [Range(1e-4, 1.0)]
    public double LearningRate { get; init; } = 0.05;

    [Description("Which of the search space's encodings to learn from: null for its default (one-hot cells on NAS-Bench-201); a name it offers, such as 'op-counts'.")]
    public string? Encoding { get; init; }

    [Description("The library that grows the trees: 'fasttree' (ML.NET's managed FastTree) or 'lightgbm' (LightGBM through ML.NET; a native library).")]
    public string Library { get; init; } = FastTree;
}
