using System.Collections.Concurrent;
using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.NasBench201.Cells;
using PetriDish.Plugins.SearchSpace.NasBench201.Network;
using PetriDish.Plugins.SearchSpace.NasBench201.Table;
using static TorchSharp.torch;

namespace PetriDish.Plugins.SearchSpace.NasBench201;

/// <summary>
/// The NAS-Bench-201 space: every one of the 5⁶ = 15,625 cells is a motif (the benchmark trained each).
/// Sampling is uniform, a mutation changes one edge's operation, the default encoding is one-hot
/// (6 edges × 5 operations), and the ground truth is a lookup in the benchmark's table.
/// </summary>
public sealed class NasBench201SearchSpace : ISearchSpace, IMotifEncodings, IRealNetworks
{
    /// <summary>The number of cells in the space.</summary>
    public const int CellCount = 15_625;

    private const string OpCounts = "op-counts";
    private readonly Lazy<BenchmarkTable> _table;
    private readonly ConcurrentDictionary<string, Nb201Cell> _parsed = new(StringComparer.Ordinal);
    private readonly RealNetworkBuilder _realNetworks;

    public NasBench201SearchSpace(NasBench201Settings settings, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(context);
        TablePath = TablePathOf(settings.GroundTruth, context.ResolvePath);
        // The table is read on first use (a lookup, an index key), not when the space is created.
        _table = new Lazy<BenchmarkTable>(() => BenchmarkTable.Load(TablePath));
        GroundTruth = new TableGroundTruth(_table, settings.GroundTruth);
        MotifNetworks = new ConvCellNetworkFactory(settings.MotifNetwork);
        _realNetworks = new RealNetworkBuilder(settings.RealNetwork);
    }

    /// <summary>The table the ground truth reads: the manifest's, or the CIFAR-10 table shipped with the plugin.</summary>
    public string TablePath { get; }

    /// <summary>The table (read on first use).</summary>
    public BenchmarkTable Table => _table.Value;

    public string Description => $"NAS-Bench-201 convolutional cells (15,625), ground truth from {Path.GetFileName(TablePath)}";

    public int EncodingLength => Nb201Cell.EdgeCount * CellOps.All.Count;

    public IMotifAxis? Axis => null;

    public ITokenForm? Tokens { get; } = new CellTokenForm();

    public IMotifNetworkFactory MotifNetworks { get; }

    public IGroundTruthEvaluator GroundTruth { get; }

    /// <summary>The path of the table for <paramref name="settings"/>.</summary>
    public static string TablePathOf(TableSettings settings, Func<string, string> resolvePath)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(resolvePath);
        return settings.Table is { } table
            ? resolvePath(table)
            : Path.Combine(Path.GetDirectoryName(typeof(NasBench201SearchSpace).Assembly.Location)!, "data", "cifar10-valid.csv");
    }

    /// <summary>Reads any of the forms in <see cref="CellKeyParser"/>; the motif's key is the canonical architecture string.</summary>
    public IMotif Parse(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_parsed.TryGetValue(key, out var known))
        {
            return known;
        }

        var cell = CellKeyParser.Parse(key, index => _table.Value.CellWithIndex(index));
        _parsed.TryAdd(key, cell);
        return cell;
    }

    public IMotif Sample(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Nb201Cell.FromOrdinal(random.Next(CellCount));
    }

    /// <summary>One edge, drawn uniformly, gets another operation, drawn uniformly (a Hamming-1 neighbour).</summary>
    public IMotif Mutate(IMotif motif, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var ops = AsCell(motif).Ops.ToArray();
        var edge = random.Next(Nb201Cell.EdgeCount);
        var other = random.Next(CellOps.All.Count - 1);
        ops[edge] = (CellOp)(other >= (int)ops[edge] ? other + 1 : other);
        return new Nb201Cell(ops);
    }

    /// <summary>One-hot: for each edge in order, 5 entries (one per operation in <see cref="CellOp"/> order), one of them 1.</summary>
    public IReadOnlyList<double> Encode(IMotif motif)
    {
        var cell = AsCell(motif);
        var encoding = new double[EncodingLength];
        for (var e = 0; e < Nb201Cell.EdgeCount; e++)
        {
            encoding[(e * CellOps.All.Count) + (int)cell.Ops[e]] = 1;
        }

        return encoding;
    }

    /// <summary><c>op-counts</c>: how many edges have each operation, a structural baseline.</summary>
    public IReadOnlyList<string> EncodingNames { get; } = [OpCounts];

    public int EncodingLengthOf(string name) => name == OpCounts ? CellOps.All.Count : throw new ArgumentException($"no encoding '{name}' (offered: {OpCounts})", nameof(name));

    public IReadOnlyList<double> Encode(IMotif motif, string name)
    {
        _ = EncodingLengthOf(name);
        var counts = new double[CellOps.All.Count];
        foreach (var op in AsCell(motif).Ops)
        {
            counts[(int)op]++;
        }

        return counts;
    }

    /// <summary>The benchmark's network around the cell (<see cref="RealNetworkSettings"/>), untrained.</summary>
    public IReadOnlyList<long> InputShape => _realNetworks.InputShape;

    public nn.Module<Tensor, Tensor> Build(IMotif motif, RealNetworkOptions options, Generator generator) =>
        _realNetworks.Build(motif, options, generator);

    private static Nb201Cell AsCell(IMotif motif) => motif as Nb201Cell ?? throw new ArgumentException($"'{motif?.Key}' is not a NAS-Bench-201 cell", nameof(motif));
}
