using System.Collections.Concurrent;
using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Benchmark;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;
using PetriDish.Plugins.SearchSpace.NasBenchNlp.Network;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp;

/// <summary>
/// The NAS-Bench-NLP space of recurrent cells. With the release's logs it is table-backed: the
/// ground truth is a lookup, and (by default) the space holds exactly the tabulated cells, so
/// sampling draws a tabulated cell uniformly, a mutation moves to a nearby tabulated cell, NAO's
/// decoded sequences map to the nearest tabulated cell, and a key of any other cell is refused.
/// Without a table it is the release's generator space.
/// </summary>
public sealed class NasBenchNlpSearchSpace : ISearchSpace, IMotifEncodings
{
    private readonly int _maxNodes;
    private readonly string? _logs;
    private readonly bool _onlyTabulated;
    private readonly Lazy<LogTable> _table;
    private readonly Lazy<IGroundTruthEvaluator> _groundTruth;
    private readonly Lazy<TabulatedIndex> _index;
    private const string OpCounts = "op-counts";
    private readonly CellEncoding _encoding;
    private readonly ConcurrentDictionary<string, NlpCell> _parsed = new(StringComparer.Ordinal);

    public NasBenchNlpSearchSpace(NasBenchNlpSettings settings, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        _maxNodes = settings.MaxNodes;
        _logs = settings.GroundTruth.Logs is { } logs ? context.ResolvePath(logs) : null;
        _onlyTabulated = _logs is not null && settings.GroundTruth.OnlyTabulated;
        // The logs are read on first use (a lookup, a parse in a table-backed space), not when the space is created.
        _table = new Lazy<LogTable>(() => LogTable.Load(_logs ?? throw new InvalidOperationException("no groundTruth.logs")));
        _groundTruth = new Lazy<IGroundTruthEvaluator>(() => _logs is null
            ? new UnavailableGroundTruth("this nas-bench-nlp space has no groundTruth.logs: it can sample and rank cells, but their ground truth is the release's training logs")
            : new BenchmarkGroundTruth(_table, settings.GroundTruth.Value));
        _encoding = new CellEncoding(_maxNodes);
        _index = new Lazy<TabulatedIndex>(() => new TabulatedIndex([.. _table.Value.Cells.Select(c => c.Cell)], _encoding, Tokens!));
        Tokens = new CellTokenForm(_maxNodes, _onlyTabulated ? tokens => _index.Value.NearestByTokens(tokens) : null);
        MotifNetworks = new GraphMotifNetworkFactory(settings.MotifNetwork, _maxNodes);
    }

    public string Description => _onlyTabulated
        ? $"NAS-Bench-NLP recurrent cells, the cells of {Path.GetFileName(_logs)} (table-backed)"
        : $"NAS-Bench-NLP recurrent cells (the release's generator, up to {_maxNodes} nodes)";

    public int EncodingLength => _encoding.Length;

    public IMotifAxis? Axis => null;

    public ITokenForm? Tokens { get; }

    public IMotifNetworkFactory MotifNetworks { get; }

    public IGroundTruthEvaluator GroundTruth => _groundTruth.Value;

    /// <summary>The table the ground truth reads (loads it on first use).</summary>
    public LogTable Table => _table.Value;

    public IMotif Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_parsed.TryGetValue(key, out var known))
        {
            return known;
        }

        var cell = CellKeyParser.Parse(key);
        if (cell.Nodes.Count > _maxNodes)
        {
            throw new MotifFormatException(key, $"the cell has {cell.Nodes.Count} nodes; this space holds cells of up to {_maxNodes} (maxNodes)");
        }

        if (_onlyTabulated && _table.Value.Find(cell.Key) is null)
        {
            throw new MotifFormatException(key, $"not one of the {_table.Value.Cells.Count} cells in the NAS-Bench-NLP table ({_table.Value.Source}); this space holds only tabulated cells (groundTruth.onlyTabulated)");
        }

        _parsed.TryAdd(key, cell);
        return cell;
    }

    public IMotif Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        if (_onlyTabulated)
        {
            var cells = _index.Value.Cells;
            return cells[random.Next(cells.Count)];
        }

        while (true)
        {
            var cell = RecipeGenerator.Sample(random);
            if (cell.Nodes.Count <= _maxNodes)
            {
                return cell;
            }
        }
    }

    /// <summary>
    /// In a table-backed space: another tabulated cell, the nearer (fewer differing encoding entries)
    /// the likelier (the i-th nearest with probability 2^−(i+1)). Otherwise a one-node change.
    /// </summary>
    public IMotif Mutate(IMotif motif, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var cell = AsCell(motif);
        if (_onlyTabulated)
        {
            return _index.Value.Nearby(cell, random);
        }

        return CellMutation.Mutate(cell, random) is { Nodes.Count: var count } mutated && count <= _maxNodes ? mutated : Sample(random);
    }

    public IReadOnlyList<double> Encode(IMotif motif) => _encoding.Encode(AsCell(motif));

    /// <summary><c>op-counts</c>: how many nodes of each operation the cell has (in the order of <see cref="CellOps.All"/>), a structural baseline.</summary>
    public IReadOnlyList<string> EncodingNames { get; } = [OpCounts];

    public int EncodingLengthOf(string name) => name == OpCounts ? CellOps.All.Count : throw new ArgumentException($"no encoding '{name}' (offered: {OpCounts})", nameof(name));

    public IReadOnlyList<double> Encode(IMotif motif, string name)
    {
        _ = EncodingLengthOf(name);
        var counts = new double[CellOps.All.Count];
        foreach (var node in AsCell(motif).Nodes)
        {
            counts[(int)node.Op]++;
        }

        return counts;
    }

    private NlpCell AsCell(IMotif motif) => motif as NlpCell ?? throw new ArgumentException($"'{motif?.Key}' is not a NAS-Bench-NLP cell", nameof(motif));
}
