using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>
/// One time step of N DARTS-style cells (NAO's RNN cell):
/// <c>[c₀, h₀] = [x, h]·W₀</c>, <c>s₀ = h + σ(c₀)·(tanh(h₀) − h)</c>; node i with input node j:
/// <c>[c, g] = s_j·W_i</c>, <c>s_i = s_j + σ(c)·(act_i(g) − s_j)</c>; the new hidden state is the mean
/// of nodes 1…K.
/// </summary>
internal static class CellStep
{
    /// <param name="x">Inputs <c>[N, B, E]</c>.</param>
    /// <param name="h">Previous hidden state <c>[N, B, H]</c>.</param>
    /// <param name="w0">Input-node weights <c>[N, E + H, 2H]</c>.</param>
    /// <param name="nodeWeights">Node weights <c>[N, K, H, 2H]</c>.</param>
    /// <param name="wiring">Which node reads which, with which activation.</param>
    /// <returns>The new hidden state <c>[N, B, H]</c>.</returns>
    public static Tensor Forward(Tensor x, Tensor h, Tensor w0, Tensor nodeWeights, CellWiring wiring)
    {
        var width = h.shape[^1];
        var gates = bmm(cat([x, h], -1), w0);
        var s0 = Highway(h, gates.narrow(-1, 0, width), tanh(gates.narrow(-1, width, width)));
        var states = new List<Tensor>(wiring.Nodes + 1) { s0 };
        var single = wiring.Count == 1;
        for (var node = 0; node < wiring.Nodes; node++)
        {
            var previous = single ? states[wiring.Cells[0].Inputs[node]] : Gather(states, wiring.Inputs.select(1, node));
            var projected = bmm(previous, nodeWeights.select(1, node));
            var candidate = projected.narrow(-1, width, width);
            var activated = single ? Activate(candidate, wiring.Cells[0].Activations[node]) : Mixed(candidate, wiring.Masks.select(1, node));
            states.Add(Highway(previous, projected.narrow(-1, 0, width), activated));
        }

        return stack(states.Skip(1), 0).mean([0]);
    }

    public static Tensor Activate(Tensor x, CellActivation activation) => activation switch
    {
        CellActivation.Tanh => tanh(x),
        CellActivation.Relu => nn.functional.relu(x),
        CellActivation.Identity => x,
        CellActivation.Sigmoid => sigmoid(x),
        _ => throw new ArgumentOutOfRangeException(nameof(activation), activation, null),
    };

    /// <summary><c>s + σ(c)·(candidate − s)</c>: the gated update every node makes.</summary>
    private static Tensor Highway(Tensor state, Tensor gate, Tensor candidate) => state + (sigmoid(gate) * (candidate - state));

    /// <summary>Each motif's own input state: <c>states[n][index[n]]</c> for every n.</summary>
    private static Tensor Gather(List<Tensor> states, Tensor index)
    {
        var stacked = stack(states, 1); // [N, nodes so far, B, H]
        var shape = stacked.shape;
        var expanded = index.view(shape[0], 1, 1, 1).expand(shape[0], 1, shape[2], shape[3]);
        return stacked.gather(1, expanded).squeeze(1);
    }

    /// <summary>Each motif's own activation, as a one-hot mix of the four (<c>mask</c>: <c>[N, 4]</c>).</summary>
    private static Tensor Mixed(Tensor x, Tensor mask)
    {
        var weights = mask.view(mask.shape[0], 4, 1, 1);
        return (weights.select(1, 0) * tanh(x)) + (weights.select(1, 1) * nn.functional.relu(x)) + (weights.select(1, 2) * x) + (weights.select(1, 3) * sigmoid(x));
    }
}
