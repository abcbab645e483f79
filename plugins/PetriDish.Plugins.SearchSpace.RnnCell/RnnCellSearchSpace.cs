using System.Globalization;
using PetriDish.Abstractions;

namespace PetriDish.Plugins.SearchSpace.RnnCell;

/// <summary>The NAO/ENAS space of recurrent cells (11 nodes, 4 activations by default: about 10^15 cells).</summary>
public sealed class RnnCellSearchSpace : ISearchSpace
{
    private static readonly int ActivationCount = Enum.GetValues<CellActivation>().Length;
    private readonly int _nodes;
    private readonly Lazy<LanguageModelGroundTruth> _groundTruth;

    public RnnCellSearchSpace(RnnCellSettings settings, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        _nodes = settings.Nodes;
        Tokens = new NaoTokenForm(_nodes);
        MotifNetworks = new CellMotifNetworkFactory(settings.MotifNetwork, _nodes);
        // The corpus is read on the first ground-truth evaluation, not when the manifest is validated.
        _groundTruth = new Lazy<LanguageModelGroundTruth>(() => new LanguageModelGroundTruth(settings.GroundTruth, _nodes, context));
    }

    public string Description => $"NAO recurrent cells, {_nodes} nodes × (input node, activation ∈ tanh/relu/identity/sigmoid)";

    public int EncodingLength => _nodes * (_nodes + ActivationCount);

    public IMotifAxis? Axis => null;

    public ITokenForm? Tokens { get; }

    public IMotifNetworkFactory MotifNetworks { get; }

    public IGroundTruthEvaluator GroundTruth => _groundTruth.Value;

    public IMotif Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (!key.StartsWith(NaoCell.Prefix, StringComparison.Ordinal))
        {
            throw new MotifFormatException(key, $"a cell key starts with '{NaoCell.Prefix}'");
        }

        var parts = key[NaoCell.Prefix.Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 * _nodes)
        {
            throw new MotifFormatException(key, $"a cell of {_nodes} nodes has {2 * _nodes} integers (input node and activation per node), not {parts.Length}");
        }

        var inputs = new int[_nodes];
        var activations = new CellActivation[_nodes];
        for (var node = 0; node < _nodes; node++)
        {
            if (!int.TryParse(parts[2 * node], NumberStyles.None, CultureInfo.InvariantCulture, out var input))
            {
                throw new MotifFormatException(key, $"'{parts[2 * node]}' (input of node {node + 1}) is not a node number");
            }

            if (input > node)
            {
                throw new MotifFormatException(key, $"node {node + 1} reads node {input}, which is not an earlier node (0…{node})");
            }

            if (!int.TryParse(parts[(2 * node) + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var activation) || activation >= ActivationCount)
            {
                throw new MotifFormatException(key, $"'{parts[(2 * node) + 1]}' (activation of node {node + 1}) is not an activation: 0 tanh, 1 relu, 2 identity, 3 sigmoid");
            }

            inputs[node] = input;
            activations[node] = (CellActivation)activation;
        }

        return new NaoCell(inputs, activations);
    }

    public IMotif Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return new NaoCell(
            [.. Enumerable.Range(0, _nodes).Select(node => random.Next(node + 1))],
            [.. Enumerable.Range(0, _nodes).Select(_ => (CellActivation)random.Next(ActivationCount))]);
    }

    /// <summary>Changes one node's input node or activation (to a different valid value).</summary>
    public IMotif Mutate(IMotif motif, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var cell = AsCell(motif);
        var inputs = cell.Inputs.ToArray();
        var activations = cell.Activations.ToArray();
        while (true)
        {
            var node = random.Next(_nodes);
            if (random.Next(2) == 0 && node > 0)
            {
                var choice = random.Next(node); // node + 1 options minus the current one
                inputs[node] = choice >= inputs[node] ? choice + 1 : choice;
                return new NaoCell(inputs, activations);
            }

            var activation = random.Next(ActivationCount - 1);
            activations[node] = (CellActivation)(activation >= (int)activations[node] ? activation + 1 : activation);
            return new NaoCell(inputs, activations);
        }
    }

    /// <summary>Per node: one-hot input node (K slots) and one-hot activation (4 slots).</summary>
    public IReadOnlyList<double> Encode(IMotif motif)
    {
        var cell = AsCell(motif);
        var encoding = new double[EncodingLength];
        var width = _nodes + ActivationCount;
        for (var node = 0; node < _nodes; node++)
        {
            encoding[(node * width) + cell.Inputs[node]] = 1;
            encoding[(node * width) + _nodes + (int)cell.Activations[node]] = 1;
        }

        return encoding;
    }

    private NaoCell AsCell(IMotif motif) => motif is NaoCell cell && cell.Nodes == _nodes
        ? cell
        : throw new ArgumentException($"'{motif?.Key}' is not a cell of {_nodes} nodes", nameof(motif));
}
