using Microsoft.Extensions.Logging;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using PetriDish.Abstractions;
using PetriDish.Core.Plugins;
using PetriDish.Core.Torch;

namespace PetriDish.Core.Manifest;

/// <summary>
/// Reads a manifest and checks everything before any tensor is allocated: the frame against
/// <c>plugin-manifest.schema.json</c>, each plugin id against the catalog, each plugin's settings
/// against its schema and its own rules, and the cross references. Reports all problems at once.
/// </summary>
internal sealed class ManifestLoader
{
    private static readonly Lazy<JsonSchema> FrameSchema = new(LoadFrameSchema);

    private readonly PluginCatalog _catalog;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ComponentActivator _components;

    /// <param name="catalog">The loaded plugins, including those of the manifest's <c>pluginPaths</c>.</param>
    /// <param name="loggerFactory">Logging for plugins created while validating.</param>
    /// <param name="components">Creates the search space while validating, and every component later.</param>
    public ManifestLoader(PluginCatalog catalog, ILoggerFactory loggerFactory, ComponentActivator components)
    {
        _catalog = catalog;
        _loggerFactory = loggerFactory;
        _components = components;
    }

    /// <summary>The manifest frame schema (embedded copy of <c>plugin-manifest.schema.json</c>).</summary>
    public static JsonSchema Schema => FrameSchema.Value;

    /// <summary>Loads and validates the file at <paramref name="path"/>; throws <see cref="ManifestValidationException"/> with every problem found.</summary>
    public ValidatedManifest Load(string path) => Load(ManifestSource.Read(path));

    /// <summary>Loads and validates with the manifest's seed replaced by <paramref name="seed"/> when given (<c>--seed</c>).</summary>
    public ValidatedManifest Load(string path, int? seed) =>
        seed is { } replaced ? Load(ManifestSource.Read(path).WithSeed(replaced)) : Load(path);

    /// <summary>
    /// Validates manifest <paramref name="text"/> as if it were the file at <paramref name="path"/>
    /// (relative paths resolve against its folder): how a resumed run re-reads the manifest it stored.
    /// </summary>
    /// <param name="text">The manifest's text.</param>
    /// <param name="path">The file it is validated as (its folder resolves relative paths).</param>
    /// <param name="reads">What the caller requires of it beyond the plugins (default: everything).</param>
    public ValidatedManifest Load(string text, string path, ManifestReads reads = ManifestReads.All) => Load(ManifestSource.FromText(text, path), reads: reads);

    /// <summary>
    /// Validates a parsed manifest. For the manifest a run was started with, <paramref name="keptReference"/>
    /// is the copy of its reference curve that the run folder kept, so that the run resumes when the
    /// manifest's folder has moved.
    /// </summary>
    /// <param name="source">The parsed manifest.</param>
    /// <param name="keptReference">The run folder's copy of the reference curve, or null.</param>
    /// <param name="reads">
    /// The data files the calling command opens: a missing one is an error; a missing one the command
    /// does not open is logged as a warning (another command needs it).
    /// </param>
    public ValidatedManifest Load(ManifestSource source, string? keptReference = null, ManifestReads reads = ManifestReads.All)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Problem is { } unreadable)
        {
            throw new ManifestValidationException([unreadable]);
        }

        var file = source.FilePath;
        var shown = ManifestSource.Shown(file);
        var errors = new List<ManifestError>();
        void Error(string jsonPath, string? plugin, string message, JToken? root = null)
        {
            var (line, column) = root is null ? (null, null) : SchemaErrors.LineOf(root, jsonPath);
            errors.Add(new ManifestError(shown, jsonPath, plugin, message, line, column));
        }

        var root = source.Root!;
        errors.AddRange(SchemaErrors.Validate(Schema, root, "$", root, shown, plugin: null));
        if (root is not JObject frame)
        {
            throw new ManifestValidationException(errors);
        }

        var baseDirectory = Path.GetDirectoryName(file)!;
        if (frame["pluginPaths"] is JArray pluginPaths)
        {
            for (var i = 0; i < pluginPaths.Count; i++)
            {
                if (pluginPaths[i] is JValue { Type: JTokenType.String } folder && !Directory.Exists(Path.GetFullPath((string)folder!, baseDirectory)))
                {
                    Error($"$.pluginPaths[{i}]", null, $"plugin folder '{Path.GetFullPath((string)folder!, baseDirectory)}' does not exist", root);
                }
            }
        }


        var (device, deviceError) = TorchRuntime.ResolveDevice((string?)(frame["device"] as JValue) ?? "auto");
        if (deviceError is not null)
        {
            Error("$.device", null, deviceError, root);
        }

        var context = new PluginContext
        {
            Device = device ?? TorchSharp.torch.CPU,
            Seed = frame["seed"] is JValue { Type: JTokenType.Integer } seed ? (int)seed : 0,
            BaseDirectory = baseDirectory,
            LoggerFactory = _loggerFactory,
        };
        var validation = new PluginValidationContext { BaseDirectory = baseDirectory };

        var searchSpace = BindPlugin("$.searchSpace", PluginKind.SearchSpace, null, _catalog, validation, root, shown, errors);
        ISearchSpace? space = null;
        if (searchSpace is not null)
        {
            try
            {
                space = _components.CreateSearchSpace(searchSpace, context);
            }
            catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or FormatException)
            {
                Error("$.searchSpace.settings", searchSpace.Entry.Id, ex.Message, root);
            }
        }

        var withSpace = new PluginValidationContext { BaseDirectory = baseDirectory, SearchSpace = space };
        var surrogates = new List<BoundPlugin>();
        if (frame["surrogates"] is JArray surrogateArray)
        {
            for (var i = 0; i < surrogateArray.Count; i++)
            {
                var name = (string?)(surrogateArray[i]["name"] as JValue);
                if (BindPlugin($"$.surrogates[{i}]", PluginKind.Surrogate, name, _catalog, withSpace, root, shown, errors) is { } bound)
                {
                    if (surrogates.Any(s => s.Name == bound.Name))
                    {
                        Error($"$.surrogates[{i}].name", bound.Entry.Id, $"another surrogate is already named '{bound.Name}'; give each a distinct \"name\"", root);
                    }

                    surrogates.Add(bound);
                }
            }
        }

        var optimizer = frame["optimizer"] is null ? null : BindPlugin("$.optimizer", PluginKind.Optimizer, null, _catalog, withSpace, root, shown, errors);

        if (frame.SelectToken("search.surrogate") is JValue { Type: JTokenType.String } screening
            && !DeclaredSurrogateNames(frame).Contains((string)screening!))
        {
            Error("$.search.surrogate", null, $"no surrogate named '{screening}' in $.surrogates (named: {string.Join(", ", DeclaredSurrogateNames(frame).DefaultIfEmpty("none"))})", root);
        }

        // A missing reference would silently drop the reference rank from every report of the run;
        // missing observations would stop compare only after the plugins were created.
        foreach (var (tokenPath, what, read, readers) in new[]
        {
            ("search.reference", "reference", ManifestReads.Reference, "run, benchmark and summarize read it"),
            ("compare.observations", "observations", ManifestReads.Observations, "compare reads it unless given --observations"),
        })
        {
            if (keptReference is not null && read == ManifestReads.Reference)
            {
                continue;
            }

            if (frame.SelectToken(tokenPath) is JValue { Type: JTokenType.String } named
                && Path.GetFullPath((string)named!, baseDirectory) is var missing && !File.Exists(missing))
            {
                if (reads.HasFlag(read))
                {
                    Error("$." + tokenPath, null, $"{what} file '{missing}' does not exist ({readers}; petridish evaluate --out can write it)", root);
                }
                else
                {
                    _loggerFactory.CreateLogger("PetriDish.Manifest").LogWarning(
                        "{File}: $.{Path}: {What} file '{Missing}' does not exist yet; this command does not read it ({Readers})", shown, tokenPath, what, missing, readers);
                }
            }
        }

        if (space is not null && space.Axis is null && frame.SelectToken("compare.train.range") is not null)
        {
            Error("$.compare.train.range", searchSpace!.Entry.Id, $"search space '{searchSpace.Entry.Id}' has no axis ({space.Description}), so there is no range to train on; use compare.train.count or compare.train.fraction", root);
        }

        if (frame.SelectToken("compare.train.range") is JArray { Count: 2 } range
            && range[0].Type is JTokenType.Integer or JTokenType.Float && range[1].Type is JTokenType.Integer or JTokenType.Float
            && (double)range[0] >= (double)range[1])
        {
            Error("$.compare.train.range", null, $"the range's minimum ({range[0]}) must be below its maximum ({range[1]})", root);
        }

        if (frame.SelectToken("compare.train") is JObject train && train["count"] is not null && train["fraction"] is not null)
        {
            Error("$.compare.train", null, "give either count or fraction, not both", root);
        }

        // What only a search reads is checked for the commands that search, and by validate, so that
        // validate refuses what run would.
        if (optimizer is not null && reads.HasFlag(ManifestReads.Search))
        {
            var budget = frame.SelectToken("search.budget") as JObject;
            if (budget is null || !budget.Properties().Any(p => p.Name is "evaluations" or "iterations" or "wallTimeSeconds"))
            {
                Error(budget is null ? "$.search" : "$.search.budget", null, "give at least one of evaluations, iterations or wallTimeSeconds, or the search never stops", root);
            }
        }

        if (space is not null && frame.SelectToken("search.warmupMotifs") is JArray warmupMotifs)
        {
            for (var i = 0; i < warmupMotifs.Count; i++)
            {
                if (warmupMotifs[i] is JValue { Type: JTokenType.String } key)
                {
                    try
                    {
                        space.Parse((string)key!);
                    }
                    catch (MotifFormatException ex)
                    {
                        Error($"$.search.warmupMotifs[{i}]", searchSpace!.Entry.Id, ex.Message, root);
                    }
                }
            }
        }

        var executorSettings = BindExecutor(frame, root, shown, errors);

        if (errors.Count > 0 || searchSpace is null || space is null || executorSettings is null)
        {
            throw new ManifestValidationException([.. errors.OrderBy(e => e.Line ?? int.MaxValue).ThenBy(e => e.Column ?? 0)]);
        }

        return new ValidatedManifest
        {
            FilePath = file,
            Text = source.Text,
            PluginFolders = source.PluginPaths(),
            Components = _components,
            Manifest = frame.ToObject<ExperimentManifest>(ManifestJson.Serializer)!,
            Device = context.Device,
            SearchSpace = searchSpace,
            Surrogates = surrogates,
            Optimizer = optimizer,
            SearchSpaceInstance = space,
            ExecutorSettings = executorSettings,
            Context = context,
            KeptReference = keptReference,
        };
    }

    private static BoundPlugin? BindPlugin(
        string path,
        PluginKind kind,
        string? name,
        PluginCatalog catalog,
        PluginValidationContext validation,
        JToken root,
        string file,
        List<ManifestError> errors)
    {
        var reference = root.SelectToken(path, errorWhenNoMatch: false) as JObject;
        if (reference?["plugin"] is not JValue { Type: JTokenType.String } idToken)
        {
            return null; // The frame schema already reported the missing or mistyped id.
        }

        var id = (string)idToken!;
        void Error(string at, string? plugin, string message)
        {
            var (line, column) = SchemaErrors.LineOf(root, at);
            errors.Add(new ManifestError(file, at, plugin, message, line, column));
        }

        var loaded = catalog.Find(id);
        if (loaded is null)
        {
            Error(path + ".plugin", id, DescribeUnknown(id, kind, catalog));
            return null;
        }

        if (loaded.Entry.Kind != kind)
        {
            Error(path + ".plugin", id, $"'{id}' is {PluginKinds.Describe(loaded.Entry.Kind)}, but {PluginKinds.Describe(kind)} is needed here (available: {Available(kind, catalog)})");
            return null;
        }

        var settingsToken = reference["settings"] as JObject ?? [];
        if (reference["settings"] is not null and not JObject)
        {
            return null; // Reported by the frame schema.
        }

        var settingsPath = path + ".settings";
        var schemaErrors = SchemaErrors.Validate(PluginSettingsSchemas.For(loaded.Entry), settingsToken, settingsPath, root, file, id).ToList();
        errors.AddRange(schemaErrors);
        if (schemaErrors.Count > 0)
        {
            return null;
        }

        object settings;
        try
        {
            settings = settingsToken.ToObject(loaded.Entry.SettingsType, ManifestJson.Serializer)
                ?? Activator.CreateInstance(loaded.Entry.SettingsType)!;
        }
        catch (JsonException ex)
        {
            Error(settingsPath + (ex is JsonSerializationException { Path: { Length: > 0 } p } ? "." + p : ""), id, ManifestSource.FirstSentence(ex.Message));
            return null;
        }

        var pluginErrors = loaded.Entry.Validate(settings, validation);
        foreach (var problem in pluginErrors)
        {
            Error(problem.Path.Length == 0 ? settingsPath : $"{settingsPath}{(problem.Path.StartsWith('[') ? "" : ".")}{problem.Path}", id, problem.Message);
        }

        return pluginErrors.Count > 0 ? null : new BoundPlugin(name ?? id, loaded, settings, JsonConvert.SerializeObject(settings, Formatting.None, ManifestJson.Settings));
    }

    /// <summary>Binds <c>executor.settings</c> to the settings type of its kind (schema-checked like plugin settings).</summary>
    private static object? BindExecutor(JObject frame, JToken root, string file, List<ManifestError> errors)
    {
        var kind = (string?)(frame.SelectToken("executor.kind") as JValue) ?? "local";
        var type = kind switch
        {
            "local" => typeof(Execution.LocalExecutorSettings),
            "slurm" => typeof(Execution.SlurmExecutorSettings),
            _ => null, // Reported by the frame schema.
        };
        if (type is null)
        {
            return null;
        }

        var settings = frame.SelectToken("executor.settings") as JObject ?? [];
        var problems = SchemaErrors.Validate(PluginSettingsSchemas.ForType(type), settings, "$.executor.settings", root, file, plugin: null).ToList();
        errors.AddRange(problems);
        return problems.Count > 0 ? null : settings.ToObject(type, ManifestJson.Serializer);
    }

    // From the JSON rather than from the bound surrogates, so that a surrogate with bad settings does
    // not also produce a spurious "no surrogate named" error.
    private static List<string> DeclaredSurrogateNames(JObject frame) =>
        [.. (frame["surrogates"] as JArray)?.Select(s => (string?)(s["name"] as JValue) ?? (string?)(s["plugin"] as JValue)).OfType<string>() ?? []];

    private static string DescribeUnknown(string id, PluginKind kind, PluginCatalog catalog)
    {
        var message = $"unknown {PluginKinds.Name(kind)} plugin '{id}'";
        if (Spelling.Closest(id, catalog.IdsOf(kind)) is { } suggestion)
        {
            message += $"; did you mean '{suggestion}'?";
        }

        message += $" (available: {Available(kind, catalog)})";
        var failures = catalog.Failures.Where(f => f.Name.Contains(id.Replace("-", "", StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var failure in failures)
        {
            message += $"; plugin {failure.Name} at {failure.Path} failed to load: {failure.Reason}";
        }

        return message;
    }

    private static string Available(PluginKind kind, PluginCatalog catalog)
    {
        var ids = catalog.IdsOf(kind).ToList();
        return ids.Count == 0 ? "none loaded" : string.Join(", ", ids);
    }

    private static JsonSchema LoadFrameSchema()
    {
        using var stream = typeof(ManifestLoader).Assembly.GetManifestResourceStream("plugin-manifest.schema.json")
            ?? throw new InvalidOperationException("the embedded plugin-manifest.schema.json is missing from this build");
        using var reader = new StreamReader(stream);
        return JsonSchema.FromJsonAsync(reader.ReadToEnd()).GetAwaiter().GetResult();
    }
}
