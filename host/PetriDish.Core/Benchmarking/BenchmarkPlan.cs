using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using PetriDish.Core.Manifest;

namespace PetriDish.Core.Benchmarking;

/// <summary>
/// A validated benchmark: the manifest, its arms each as a complete manifest, and the seeds. Every arm's
/// manifest is validated as a file would be, and its problems are reported at the arm's own JSON path
/// (an unknown optimizer of arm 3 at <c>$.benchmark.arms[2].optimizer.plugin</c>), all at once.
/// </summary>
internal sealed class BenchmarkPlan
{
    // Every arm shares these: the curves are compared at equal evaluations from the same warm-up draws.
    private static readonly string[] SharedSearchSettings = ["warmup", "warmupMotifs", "budget", "surrogate"];

    /// <summary>The benchmark's manifest (its own optimizer and search as written).</summary>
    public required ValidatedManifest Manifest { get; init; }

    public required IReadOnlyList<BenchmarkArmPlan> Arms { get; init; }

    /// <summary>Seeds per arm: 1 … <see cref="Seeds"/>.</summary>
    public required int Seeds { get; init; }

    /// <summary>The arm the others are tested against.</summary>
    public required string ReferenceArm { get; init; }

    /// <summary>The ground-truth evaluations every search spends.</summary>
    public required int Evaluations { get; init; }

    /// <summary>Every search of the benchmark: arms within seeds, so that the first seeds of every arm finish first.</summary>
    public IEnumerable<(BenchmarkArmPlan Arm, int Seed)> Searches =>
        Enumerable.Range(1, Seeds).SelectMany(seed => Arms.Select(arm => (arm, seed)));

    /// <summary>Whether <paramref name="source"/> is a JSON object with a <c>benchmark</c> section.</summary>
    public static bool Declared(ManifestSource source) => source?.Root is JObject { } root && root["benchmark"] is not null;

    /// <summary>Validates <paramref name="text"/> (the manifest at <paramref name="path"/>) and every arm; throws <see cref="ManifestValidationException"/> with every problem.</summary>
    public static BenchmarkPlan Load(ManifestLoader loader, string text, string path, int? seeds = null) =>
        Load(loader, ManifestSource.FromText(text, path), seeds);

    /// <summary>What a benchmark uses of its manifest: the search and its reference curve, not compare's observations.</summary>
    public const ManifestReads Reads = ManifestReads.Reference | ManifestReads.Search;

    /// <summary>Validates a parsed manifest and every arm; throws <see cref="ManifestValidationException"/> with every problem.</summary>
    /// <param name="loader">The manifest loader.</param>
    /// <param name="source">The parsed manifest.</param>
    /// <param name="seeds">Seeds instead of the manifest's, or null.</param>
    /// <param name="reads">What the caller requires of the manifest (validate: everything).</param>
    public static BenchmarkPlan Load(ManifestLoader loader, ManifestSource source, int? seeds = null, ManifestReads reads = Reads)
    {
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(source);
        var errors = new List<ManifestError>();
        ValidatedManifest? manifest = null;
        try
        {
            manifest = loader.Load(source, reads: reads);
        }
        catch (ManifestValidationException ex)
        {
            errors.AddRange(ex.Errors);
        }

        // The loader reported a syntax error, or a frame that is not an object.
        var root = source.Root as JObject ?? throw new ManifestValidationException(errors);
        var path = source.FilePath;
        var text = source.Text;

        var shown = errors.FirstOrDefault()?.File ?? manifest?.FilePath ?? path;
        void Error(string jsonPath, string? plugin, string message)
        {
            var (line, column) = SchemaErrors.LineOf(root, jsonPath);
            errors.Add(new ManifestError(shown, jsonPath, plugin, message, line, column));
        }

        if (root["benchmark"] is not JObject benchmark || benchmark["arms"] is not JArray arms)
        {
            if (root["benchmark"] is null)
            {
                Error("$", null, "the manifest has no \"benchmark\" section naming the arms to compare (see manifests/nas-bench-201-benchmark.json)");
            }

            throw new ManifestValidationException(errors);
        }

        if (root.SelectToken("search.budget.evaluations") is not JValue { Type: JTokenType.Integer })
        {
            Error(root.SelectToken("search.budget") is null ? "$.search" : "$.search.budget", null, "a benchmark compares its arms at equal ground-truth evaluations: give search.budget.evaluations");
        }

        var plans = new List<BenchmarkArmPlan>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < arms.Count; i++)
        {
            var at = $"$.benchmark.arms[{i}]";
            if (arms[i] is not JObject arm || arm["name"] is not JValue { Type: JTokenType.String } nameToken)
            {
                continue; // the schema reported it
            }

            var name = (string)nameToken!;
            if (!names.Add(name))
            {
                Error($"{at}.name", null, $"another arm is already named '{name}'; give each arm a distinct name");
                continue;
            }

            var shared = (arm["search"] as JObject)?.Properties().Where(p => SharedSearchSettings.Contains(p.Name)).ToList() ?? [];
            foreach (var property in shared)
            {
                Error($"{at}.search.{property.Name}", null, property.Name == "surrogate"
                    ? "an arm names its surrogate in its own \"surrogate\", not in search"
                    : $"every arm shares search.{property.Name} (equal budgets, the same warm-up per seed); set it in $.search, not in an arm");
            }

            if (arm["optimizer"] is null && root["optimizer"] is null)
            {
                Error(at, null, "the arm has no optimizer and the manifest has no $.optimizer to inherit; give the arm an \"optimizer\"");
                continue;
            }

            if (shared.Count > 0)
            {
                continue;
            }

            var derived = Derive(root, arm, name);
            try
            {
                var validated = loader.Load(derived, path, reads);
                if (manifest is not null)
                {
                    plans.Add(new BenchmarkArmPlan(name, validated.Optimizer!.Entry.Id, validated.Manifest.Search.Surrogate, (double?)arm["lowFidelityCost"] ?? 0, derived));
                }
            }
            catch (ManifestValidationException ex)
            {
                foreach (var problem in ex.Errors)
                {
                    if (ArmPath(problem.JsonPath, at, arm) is { } mapped)
                    {
                        Error(mapped, problem.Plugin, problem.Message);
                    }
                    else if (!errors.Any(e => e.JsonPath == problem.JsonPath && e.Message == problem.Message))
                    {
                        Error(at, problem.Plugin, $"in this arm's search, {problem.JsonPath}: {problem.Message}");
                    }
                }
            }
        }

        var reference = (string?)(benchmark["reference"] as JValue) ?? plans.FirstOrDefault()?.Name;
        if (benchmark["reference"] is JValue { Type: JTokenType.String } named && !names.Contains((string)named!))
        {
            Error("$.benchmark.reference", null, $"no arm named '{named}' (arms: {string.Join(", ", names)})");
        }

        if (errors.Count > 0)
        {
            throw new ManifestValidationException(errors);
        }

        return new BenchmarkPlan
        {
            Manifest = manifest!,
            Arms = plans,
            Seeds = seeds ?? manifest!.Manifest.Benchmark!.Seeds,
            ReferenceArm = reference!,
            Evaluations = manifest!.Manifest.Search.Budget.Evaluations!.Value,
        };
    }

    /// <summary>The arm's manifest: the benchmark's, named after the arm, with its optimizer, surrogate and search settings, and no benchmark section.</summary>
    private static string Derive(JObject root, JObject arm, string name)
    {
        var derived = (JObject)root.DeepClone();
        derived.Remove("benchmark");
        derived["name"] = name;
        if (arm["optimizer"] is { } optimizer)
        {
            derived["optimizer"] = optimizer.DeepClone();
        }

        var search = derived["search"] as JObject ?? [];
        foreach (var property in (arm["search"] as JObject)?.Properties() ?? [])
        {
            search[property.Name] = property.Value.DeepClone();
        }

        search["surrogate"] = arm["surrogate"]?.DeepClone() ?? JValue.CreateNull();
        derived["search"] = search;
        return derived.ToString(Formatting.Indented);
    }

    /// <summary>Where a problem of the arm's manifest is in the benchmark's: in the arm's own optimizer, surrogate or search settings; null if it is in what the arm inherits.</summary>
    private static string? ArmPath(string path, string at, JObject arm)
    {
        if (arm["optimizer"] is not null && (path == "$.optimizer" || path.StartsWith("$.optimizer.", StringComparison.Ordinal)))
        {
            return at + path[1..];
        }

        if (path == "$.search.surrogate")
        {
            return $"{at}.surrogate";
        }

        const string search = "$.search.";
        if (path.StartsWith(search, StringComparison.Ordinal) && arm["search"] is JObject overrides)
        {
            var key = path[search.Length..].Split('.', '[')[0];
            if (overrides[key] is not null)
            {
                return $"{at}.search.{path[search.Length..]}";
            }
        }

        return null;
    }
}
