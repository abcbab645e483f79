using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>
/// One time step of N DARTS-style cells (NAO's RNN cell):
/// <c>[c₀, h₀] = [x, h]·W₀</c>, <c>s₀ = h + σ(c₀)·(tanh(h₀) − h)</c>; node i with input node j:
/// <c>[c, g] = s_j·W_i</c>, <c>s_i = s_j + σ(c)·(act_i(g) − s_j)</c>; the new hidden state is the mean
/// of nodes 1…K.
/// </summary>
/// <remarks>
/// The Petri dish unrolls this hundreds of times inside a differentiated inner loop, so the number of
/// tensor operations per step is what its cost is made of: the gated update is one <c>lerp</c>, an
/// input state is picked for every cell with one <c>index_select</c>, and each cell's activation is a
/// one-hot mix of the four.
/// </remarks>
internal static class CellStep
{
    /// <param name="x">Inputs <c>[N, B, E]</c>.</param>
    /// <param name="h">Previous hidden state <c>[N, B, H]</c>.</param>
    /// <param name="w0">Input-node weights <c>[N, E + H, 2H]</c>.</param>
    /// <param name="nodeWeights">Each node's weights <c>[N, H, 2H]</c> (see <see cref="SplitNodes"/>).</param>
    /// <param name="wiring">Which node reads which, with which activation.</param>
    /// <returns>The new hidden state <c>[N, B, H]</c>.</returns>
    public static Tensor Forward(Tensor x, Tensor h, Tensor w0, IReadOnlyList<Tensor> nodeWeights, CellWiring wiring)
    {
        var halves = bmm(cat([x, h], -1), w0).chunk(2, -1);
        var states = new List<Tensor>(wiring.Nodes + 1) { h.lerp(tanh(halves[1]), sigmoid(halves[0])) };
        var single = wiring.Count == 1;
        for (var node = 0; node < wiring.Nodes; node++)
        {
            var previous = single ? states[wiring.Cells[0].Inputs[node]] : Gather(states, wiring.FlatInputs(node));
            var projected = bmm(previous, nodeWeights[node]).chunk(2, -1);
            var activated = single ? Activate(projected[1], wiring.Cells[0].Activations[node]) : Mixed(projected[1], wiring.Masks(node));
            states.Add(previous.lerp(activated, sigmoid(projected[0])));
        }

        return stack(states.Skip(1), 0).mean([0]);
    }

    /// <summary>Per-node weights <c>[N, H, 2H]</c> from <c>[N, K, H, 2H]</c>: once per sequence, not per step.</summary>
    public static Tensor[] SplitNodes(Tensor nodeWeights) => nodeWeights.unbind(1);

    public static Tensor Activate(Tensor x, CellActivation activation) => activation switch
    {
        CellActivation.Tanh => tanh(x),
        CellActivation.Relu => nn.functional.relu(x),
        CellActivation.Identity => x,
        CellActivation.Sigmoid => sigmoid(x),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary>Each cell's own input state: row <c>n·k + input[n]</c> of the stacked states.</summary>
    private static Tensor Gather(List<Tensor> states, Tensor flatIndex)
    {
        var stacked = stack(states, 1); // [N, k, B, H]
        return stacked.view(-1, stacked.shape[2], stacked.shape[3]).index_select(0, flatIndex);
    }

    /// <summary>Each cell's own activation: the four stacked and mixed by a one-hot mask <c>[N, 1, 4, 1]</c>.</summary>
    private static Tensor Mixed(Tensor x, Tensor mask) =>
        stack([tanh(x), nn.functional.relu(x), x, sigmoid(x)], -1).matmul(mask).squeeze(-1);
}
