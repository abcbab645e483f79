namespace PetriDish.Plugins.SearchSpace.NasBench201.Cells;

/// <summary>The operation on one edge of a NAS-Bench-201 cell, in the benchmark's order.</summary>
public enum CellOp
{
    /// <summary><c>none</c>: the edge carries zeros (no connection).</summary>
    None,

    /// <summary><c>skip_connect</c>: identity.</summary>
    SkipConnect,

    /// <summary><c>nor_conv_1x1</c>: ReLU → 1×1 convolution → batch norm.</summary>
    Conv1x1,

    /// <summary><c>nor_conv_3x3</c>: ReLU → 3×3 convolution → batch norm.</summary>
    Conv3x3,

    /// <summary><c>avg_pool_3x3</c>: 3×3 average pooling, stride 1.</summary>
    AvgPool3x3,
}
