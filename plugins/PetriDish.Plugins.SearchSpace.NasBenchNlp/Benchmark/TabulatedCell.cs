using PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells;

namespace PetriDish.Plugins.SearchSpace.NasBenchNlp.Benchmark;

/// <summary>A cell of the table with every run the release trained it in (usually one, sometimes two).</summary>
public sealed record TabulatedCell(NlpCell Cell, IReadOnlyList<TrainingRun> Runs);
