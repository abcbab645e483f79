using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;
using TorchSharp;
using static TorchSharp.torch;
using PetriDish.Sdk;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Network;

/// <summary>
/// N different cells over the same synthetic sequences in one tensor program (see
/// <see cref="GraphProgram"/>): the recurrence runs the cells' nodes position by position and time
/// step by time step; <c>h_new_0</c> after the last step is read out into binary targets.
/// </summary>
internal sealed class GraphMotifNetwork(GraphProgram program) : IMotifNetwork
{
    // PyTorch's default negative slope, which the release's LeakyReLU uses. Held: see HeldScalars.
    private static readonly Scalar LeakySlope = 0.01.ToScalar();

    public int Count => program.Count;

    public bool AcceptsPerNetworkInputs => true;

    /// <param name="parameters">
    /// [W_x [N, M, E, H], W_h [N, M, 3, H, H], bias [N, M, H], read-out [N, H, out], read-out bias [N, out]];
    /// M ≥ the program's positions (only the first positions are used).
    /// </param>
    /// <param name="inputs">Synthetic sequences <c>[samples, time, E]</c>, shared by all cells; or <c>[N, samples, time, E]</c>.</param>
    public Tensor Forward(IReadOnlyList<Tensor> parameters, Tensor inputs)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(inputs);
        var (wx, wh, bias, readout, readoutBias) = (parameters[0], parameters[1], parameters[2], parameters[3], parameters[4]);
        var n = program.Count;
        var positions = program.Positions;
        var perNetwork = inputs.dim() == 4;
        var (samples, time, features) = (inputs.shape[^3], inputs.shape[^2], inputs.shape[^1]);
        var width = wh.shape[^1];

        // x·W_x + b for every position and time step at once: [T, positions, N, B, H], b folded in.
        var flatInputs = perNetwork ? inputs.reshape(n, 1, samples * time, features) : inputs.reshape(samples * time, features);
        var projected = matmul(flatInputs, wx.narrow(1, 0, positions))
            .mul(program.XUse)
            .add(bias.narrow(1, 0, positions).unsqueeze(2), HeldScalars.One)
            .view(n, positions, samples, time, width)
            .permute(3, 1, 0, 2, 4);
        var hiddenWeights = wh.narrow(1, 0, positions).reshape(n, positions, GraphProgram.Gathered * width, width).unbind(1);

        var zero = zeros([n, 1, samples, width], dtype: inputs.dtype, device: inputs.device);
        var hidden = zeros([n, CellSlots.MaxHiddenStates, samples, width], dtype: inputs.dtype, device: inputs.device);
        for (var t = 0; t < time; t++)
        {
            var linearTerms = projected[t].unbind(0);
            var states = cat([zero, hidden], 1);
            for (var p = 0; p < positions; p++)
            {
                var step = program.Steps[p];
                var rows = states.shape[1];
                var gathered = states.view(n * rows, samples, width).index_select(0, step.Gather).view(n, GraphProgram.Gathered, samples, width);
                var node = Node(step, gathered, hiddenWeights[p], linearTerms[p], n, samples, width);
                states = cat([states, node.unsqueeze(1)], 1);
            }

            hidden = states.view(-1, samples, width).index_select(0, program.OutputIndex).view(n, CellSlots.MaxHiddenStates, samples, width);
        }

        return bmm(hidden.select(1, 0), readout).add(readoutBias.unsqueeze(1), HeldScalars.One);
    }

    /// <summary>Every operation present at this position on the gathered inputs, each cell's own picked by the mix.</summary>
    private static Tensor Node(GraphProgram.Position step, Tensor gathered, Tensor hiddenWeights, Tensor linearTerm, long n, long samples, long width)
    {
        var inputs = gathered.unbind(1);
        var results = new Tensor[step.Ops.Count];
        for (var o = 0; o < results.Length; o++)
        {
            results[o] = step.Ops[o] switch
            {
                CellOp.Linear => bmm(gathered.permute(0, 2, 1, 3).reshape(n, samples, GraphProgram.Gathered * width), hiddenWeights).add(linearTerm, HeldScalars.One),
                CellOp.Blend => inputs[2].lerp(inputs[1], inputs[0]), // z·a + (1 − z)·b with (z, a, b)
                CellOp.Prod => inputs[0].mul(inputs[1]),
                CellOp.Sum => inputs[0].add(inputs[1], HeldScalars.One),
                CellOp.Tanh => inputs[0].tanh(),
                CellOp.Sigm => inputs[0].sigmoid(),
                CellOp.LeakyRelu => inputs[0].leaky_relu(LeakySlope),
                _ => throw new InvalidOperationException($"no batched form of {step.Ops[o]}"),
            };
        }

        return step.Mix is null ? results[0] : stack(results, -1).matmul(step.Mix).squeeze(-1);
    }

    public void Dispose() => program.Dispose();
}
