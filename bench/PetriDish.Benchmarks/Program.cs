using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using PetriDish.Abstractions;
using PetriDish.Plugins.SearchSpace.Activation;
using PetriDish.Plugins.SearchSpace.NasBenchNlp;
using PetriDish.Plugins.SearchSpace.RnnCell;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish;
using PetriDish.Sdk;
using TorchSharp;
using PetriDish.Plugins.Surrogate.SyntheticPetriDish.OuterLoop;

// Usage: PetriDish.Benchmarks [fit|default-fit|predict|rnn|nlp|ensemble|all] [--threads N]
// Prints one line per measurement; docs/benchmarks.md records the numbers with date and machine.
Environment.SetEnvironmentVariable("OMP_WAIT_POLICY", Environment.GetEnvironmentVariable("OMP_WAIT_POLICY") ?? "PASSIVE");
var scenario = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var threads = args.SkipWhile(a => a != "--threads").Skip(1).Select(int.Parse).FirstOrDefault(1);
torch.set_num_threads(threads);

var context = new PluginContext
{
    Device = torch.CPU,
    Seed = 1,
    BaseDirectory = Environment.CurrentDirectory,
    LoggerFactory = NullLoggerFactory.Instance,
};
var space = new ActivationSearchSpace(new ActivationSettings(), context);
Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, torch threads {threads}, {System.Runtime.InteropServices.RuntimeInformation.OSDescription}");

if (scenario is "fit" or "all")
{
    foreach (var n in new[] { 18, 100 })
    {
        Fit(n, outerSteps: 80, blocks: true);
    }

    // The same fit through the libtorch tensor program (managedKernels off), as before managed kernels.
    Fit(18, outerSteps: 10, blocks: false);

    NaiveFit(18, outerSteps: 2);
}

if (scenario is "default-fit" or "all")
{
    // The whole fit, outer schedule and all (80 steps), on the official 18 slopes: one dish as the
    // official implementation fits it (the default before issue 25), the default dish (8 dishes, each
    // holding out a fifth, chosen and combined; on every core), and the default on one thread. Each
    // fitted once untimed first, then timed; three rounds, interleaved.
    PetriDishSettings Single(IReadOnlyList<OuterStage>? schedule) => schedule is null ? new() { Ensemble = 1, HoldOut = 0 } : new() { Ensemble = 1, HoldOut = 0, OuterSchedule = schedule };
    PetriDishSettings ByDefault(IReadOnlyList<OuterStage>? schedule) => schedule is null ? new() : new() { OuterSchedule = schedule };
    PetriDishSettings OneThread(IReadOnlyList<OuterStage>? schedule) => schedule is null ? new() { Parallelism = 1 } : new() { Parallelism = 1, OuterSchedule = schedule };
    for (var repeat = 0; repeat < 3; repeat++)
    {
        WholeFit("one dish", Single, 18);
        WholeFit("default", ByDefault, 18);
        WholeFit("default, one thread", OneThread, 18);
    }
}

if (scenario is "predict" or "all")
{
    var fitted = Fitted();
    foreach (var n in new[] { 18, 100, 1000, 4096, 1000, 4096, 10000 })
    {
        Predict(fitted, n);
    }

    NaivePredict(fitted, 100);
}

if (scenario is "rnn" or "all")
{
    // The rnn-cell manifest's dish: 20 synthetic sequences of 10 × 10, width 3, 30 inner Adam steps.
    var cells = new RnnCellSearchSpace(new RnnCellSettings(), context);
    var random = new DeterministicRandom(7);
    var training = Enumerable.Range(0, 40).Select(i => new Observation(cells.Sample(random), random.NextDouble())).ToList();
    PetriDishSettings Cells(int outerSteps, bool blocks = true) => new() { Samples = 20, InnerSteps = 30, InnerLearningRate = 0.05, OuterSchedule = [new OuterStage { Steps = outerSteps, LearningRate = 0.05 }], ManagedKernels = blocks };

    // Each path fitted once untimed first; then the managed path for 10 outer steps, libtorch's for 2.
    foreach (var (blocks, outerSteps) in new[] { (false, 2), (true, 10) })
    {
        using (var warmUp = new PetriDishSurrogate(Cells(1, blocks), cells, context))
        {
            warmUp.Fit(training, null, CancellationToken.None);
        }

        using var timed = new PetriDishSurrogate(Cells(outerSteps, blocks), cells, context);
        var watch = Stopwatch.StartNew();
        timed.Fit(training, null, CancellationToken.None);
        var path = blocks ? "managed" : "libtorch";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rnn fit  {path,-8} N={training.Count,5}  30 inner steps   {watch.Elapsed.TotalSeconds / outerSteps:F2} s per outer step ({outerSteps} steps after a warm-up fit, incl. calibration)"));
    }

    using var dish = new PetriDishSurrogate(Cells(2), cells, context);
    dish.Fit(training, null, CancellationToken.None);
    var clock = Stopwatch.StartNew();
    foreach (var n in new[] { 100, 1000 })
    {
        var candidates = Enumerable.Range(0, n).Select(_ => cells.Sample(random)).ToList();
        clock.Restart();
        dish.Predict(candidates, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rnn predict      N={n,5}  {seconds:F2} s  {n / seconds:F0} cells/s"));
    }
}

if (scenario is "nlp" or "all")
{
    // NAS-Bench-NLP cells from the release's generator, kept to the table's sizes (at most 15 nodes),
    // in the dish of manifests/nas-bench-nlp.json.
    var cells = new NasBenchNlpSearchSpace(new NasBenchNlpSettings(), context);
    var random = new DeterministicRandom(11);
    List<IMotif> Draw(int n) => [.. Enumerable.Range(0, 100 * n).Select(_ => (PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells.NlpCell)cells.Sample(random)).Where(c => c.Nodes.Count <= 15).Take(n)];
    var training = Draw(40).Select(c => new Observation(c, random.NextDouble())).ToList();
    var settings = new PetriDishSettings { Samples = 16, InnerSteps = 20, InnerLearningRate = 0.05, OuterSchedule = [new OuterStage { Steps = 3, LearningRate = 0.05 }] };
    using var dish = new PetriDishSurrogate(settings, cells, context);
    var clock = Stopwatch.StartNew();
    dish.Fit(training, null, CancellationToken.None);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nlp fit  batched  N={training.Count,5}  20 inner steps   {clock.Elapsed.TotalSeconds / 3:F2} s per outer step (incl. calibration)"));
    foreach (var n in new[] { 100, 1000 })
    {
        var candidates = Draw(n);
        clock.Restart();
        dish.Predict(candidates, CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nlp predict      N={n,5}  {seconds:F2} s  {n / seconds:F0} cells/s"));
    }
}

if (scenario is "ensemble" or "all")
{
    // An ensemble of K dishes against one dish, same settings: the official sigmoid-slope dish (18
    // motifs, 250 inner steps) and manifests/nas-bench-nlp.json's dish (40 cells, 20 inner steps);
    // each fit with a 20 % hold-out, so that every dish also evaluates its held-out motifs and calibrates.
    // Each configuration fitted once untimed first (compiled code paths, warm caches), then timed.
    foreach (var (k, timed) in new[] { (1, false), (1, true), (5, false), (5, true) })
    {
        const int OuterSteps = 20;
        var settings = new PetriDishSettings { Ensemble = k, HoldOut = 0.2, OuterSchedule = [new OuterStage { Steps = timed ? OuterSteps : 1, LearningRate = 0.05 }] };
        using var surrogate = new PetriDishSurrogate(settings, space, context);
        var clock = Stopwatch.StartNew();
        surrogate.Fit(Observations(18), null, CancellationToken.None);
        if (timed)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ensemble fit  slopes  K={k}  N=   18  {clock.Elapsed.TotalSeconds / OuterSteps:F3} s per outer step (incl. hold-out and calibration)"));
        }
    }

    var cells = new NasBenchNlpSearchSpace(new NasBenchNlpSettings(), context);
    var random = new DeterministicRandom(11);
    var drawn = Enumerable.Range(0, 100_000).Select(_ => (PetriDish.Plugins.SearchSpace.NasBenchNlp.Cells.NlpCell)cells.Sample(random)).Where(c => c.Nodes.Count <= 15).Take(540).ToList<IMotif>();
    var training = drawn.Take(40).Select(c => new Observation(c, random.NextDouble())).ToList();
    foreach (var k in new[] { 1, 5 })
    {
        var settings = new PetriDishSettings { Samples = 16, InnerSteps = 20, InnerLearningRate = 0.05, Ensemble = k, HoldOut = 0.2, OuterSchedule = [new OuterStage { Steps = 2, LearningRate = 0.05 }] };
        using var surrogate = new PetriDishSurrogate(settings, cells, context);
        var clock = Stopwatch.StartNew();
        surrogate.Fit(training, null, CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ensemble fit  cells   K={k}  N=   40  {clock.Elapsed.TotalSeconds / 2:F3} s per outer step (incl. hold-out and calibration)"));
        clock.Restart();
        surrogate.Predict(drawn.Skip(40).ToList(), CancellationToken.None);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ensemble rank cells   K={k}  N=  500  {clock.Elapsed.TotalSeconds:F3} s  {500 / clock.Elapsed.TotalSeconds:F0} cells/s"));
    }
}

List<Observation> Observations(int n)
{
    // A smooth rise-and-fall, like the sigmoid-slope ground truth; the values only need to be plausible.
    return [.. Enumerable.Range(0, n).Select(i => 0.01 + (2.0 * i / (n - 1))).Select(c => new Observation(space.At(c), -Math.Pow(Math.Log(c / 0.3), 2)))];
}

// One dish (the official implementation's), as the fit and predict scenarios have always measured it.
PetriDishSettings Settings(int outerSteps, bool blocks = true) => new() { Ensemble = 1, HoldOut = 0, OuterSchedule = [new OuterStage { Steps = outerSteps, LearningRate = 0.05 }], ManagedKernels = blocks };

// settings(null): the settings to time; settings(schedule): the same with another outer schedule (the warm-up's).
void WholeFit(string name, Func<IReadOnlyList<OuterStage>?, PetriDishSettings> settingsWith, int n)
{
    using (var warmUp = new PetriDishSurrogate(settingsWith([new OuterStage { Steps = 1, LearningRate = 0.05 }]), space, context))
    {
        warmUp.Fit(Observations(n), null, CancellationToken.None);
    }

    var settings = settingsWith(null);
    using var surrogate = new PetriDishSurrogate(settings, space, context);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    var report = surrogate.Fit(Observations(n), null, CancellationToken.None);
    var seconds = clock.Elapsed.TotalSeconds;
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    var steps = settings.OuterSchedule.Sum(s => s.Steps);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"whole fit  {name,-19} N={n,5}  {steps} outer steps  {seconds:F2} s ({seconds / steps:F4} s per outer step; CPU {cpuSeconds:F2} s){(report.Summary is { } summary ? $"; {summary}" : "")}"));
}

void Fit(int n, int outerSteps, bool blocks)
{
    // A short fit first, untimed, as the peer leaves out its first step: code paths compiled, caches warm.
    using (var warmUp = new PetriDishSurrogate(Settings(1, blocks), space, context))
    {
        warmUp.Fit(Observations(n), null, CancellationToken.None);
    }

    using var surrogate = new PetriDishSurrogate(Settings(outerSteps, blocks), space, context);
    var clock = Stopwatch.StartNew();
    surrogate.Fit(Observations(n), null, CancellationToken.None);
    var perStep = clock.Elapsed.TotalSeconds / outerSteps;
    var path = blocks ? "managed" : "libtorch";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fit      {path,-8} N={n,5}  250 inner steps  {perStep:F3} s per outer step  ({outerSteps} steps incl. calibration: {clock.Elapsed.TotalSeconds:F1} s)"));
}

void NaiveFit(int n, int outerSteps)
{
    // The deliberately naive way: every motif-network is its own tensor program (a loop over motifs),
    // joined only for the outer loss.
    var settings = Settings(outerSteps, blocks: false);
    var factory = space.MotifNetworks;
    var options = factory.DefaultOptions;
    var trainer = new DishTrainer(settings, factory, options, torch.CPU, torch.ScalarType.Float32);
    using var dish = SyntheticDish.Create(factory, options, settings.Samples, seed: 1, torch.CPU, torch.ScalarType.Float32);
    var observations = Observations(n);
    using var targets = torch.tensor(observations.Select(o => -o.Score).ToArray(), dtype: torch.ScalarType.Float32);
    dish.XTrain.requires_grad_(true);
    dish.XValid.requires_grad_(true);
    var clock = Stopwatch.StartNew();
    for (var step = 0; step < outerSteps; step++)
    {
        using var scope = torch.NewDisposeScope();
        var losses = observations.Select(o =>
        {
            using var network = factory.Create([o.Motif], options, torch.CPU, torch.ScalarType.Float32);
            return dish.ValidationLosses(network, trainer.Inner, differentiable: true);
        }).ToList();
        var validation = torch.cat(losses, 0);
        var outer = (Standardise(validation) - Standardise(targets)).square().mean();
        outer.backward();
    }

    var perStep = clock.Elapsed.TotalSeconds / outerSteps;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"fit      looped   N={n,5}  250 inner steps  {perStep:F3} s per outer step  (one program per motif)"));
}

torch.Tensor Standardise(torch.Tensor values) => (values - values.mean()) / values.std(unbiased: false);

PetriDishSurrogate Fitted()
{
    var surrogate = new PetriDishSurrogate(Settings(2), space, context);
    surrogate.Fit(Observations(18), null, CancellationToken.None);
    return surrogate;
}

void Predict(PetriDishSurrogate surrogate, int n)
{
    var random = new DeterministicRandom(n);
    var motifs = Enumerable.Range(0, n).Select(_ => space.Sample(random)).ToList();
    surrogate.Predict(motifs.Take(4).ToList(), CancellationToken.None);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    var clock = Stopwatch.StartNew();
    surrogate.Predict(motifs, CancellationToken.None);
    var seconds = clock.Elapsed.TotalSeconds;
    // CPU time beside wall time: on a shared virtual machine, time stolen by neighbours shows in the
    // wall clock only.
    var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"predict  batched  N={n,5}  {seconds:F3} s  {n / seconds:F0} motifs/s  (CPU {cpuSeconds:F3} s: {n / cpuSeconds:F0} motifs per CPU-second)"));
}

void NaivePredict(PetriDishSurrogate surrogate, int n)
{
    var random = new DeterministicRandom(n);
    var motifs = Enumerable.Range(0, n).Select(_ => space.Sample(random)).ToList();
    var clock = Stopwatch.StartNew();
    foreach (var motif in motifs)
    {
        surrogate.Predict([motif], CancellationToken.None);
    }

    var seconds = clock.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"predict  looped   N={n,5}  {seconds:F3} s  {n / seconds:F0} motifs/s (one program per motif)"));
}
