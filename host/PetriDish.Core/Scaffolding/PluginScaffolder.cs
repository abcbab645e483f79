using System.Reflection;
using System.Text.RegularExpressions;
using PetriDish.Abstractions;
using PetriDish.Core.Plugins;
using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace PetriDish.Core.Scaffolding;

/// <summary>
/// Renders the Scriban templates of a plugin kind (<c>templates/common</c> and <c>templates/&lt;kind&gt;</c>
/// beside the executable) into a plugin project and its xunit test project. Everything is rendered
/// before anything is written, so a template error leaves the output untouched.
/// </summary>
internal static partial class PluginScaffolder
{
    private static readonly HashSet<string> Keywords =
    [
        "abstract", "as", "base", "bool", "break", "byte", "case", "catch", "char", "checked", "class", "const", "continue", "decimal", "default", "delegate", "do", "double", "else",
        "enum", "event", "explicit", "extern", "false", "finally", "fixed", "float", "for", "foreach", "goto", "if", "implicit", "in", "int", "interface", "internal", "is", "lock", "long",
        "namespace", "new", "null", "object", "operator", "out", "override", "params", "private", "protected", "public", "readonly", "ref", "return", "sbyte", "sealed", "short", "sizeof",
        "stackalloc", "static", "string", "struct", "switch", "this", "throw", "true", "try", "typeof", "uint", "ulong", "unchecked", "unsafe", "ushort", "using", "virtual", "void", "volatile", "while",
    ];

    /// <summary>
    /// The version of this PetriDish's packages (the informational version without its source
    /// revision): scaffolds reference PetriDish.Abstractions and PetriDish.Sdk at it.
    /// </summary>
    public static string OwnPackageVersion
    {
        get
        {
            var version = typeof(PluginScaffolder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
                ?? throw new InvalidOperationException("this build of petridish has no informational version");
            return version.Split('+')[0];
        }
    }

    /// <summary>The templates folder that ships beside the executable.</summary>
    public static string TemplatesFolder => Path.Combine(AppContext.BaseDirectory, "templates");

    /// <summary>Checks the command's arguments; throws <see cref="InvalidInputException"/> naming every problem.</summary>
    public static ScaffoldRequest Validate(string kind, string name, string? id, string? output, bool force, string? packageVersion = null, bool grid = false, bool fast = false)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidInputException($"give the plugin a name, such as MyRanker: petridish new {kind} MyRanker");
        }

        var problems = new List<string>();
        if (!PluginKinds.TryParse(kind, out var parsedKind))
        {
            problems.Add($"unknown plugin kind '{kind}'; use search-space, surrogate or optimizer");
        }

        if (!Identifier().IsMatch(name) || Keywords.Contains(name))
        {
            problems.Add($"'{name}' is not a valid name: use a C# identifier such as MyRanker (letters and digits, starting with a letter)");
        }
        else if (!char.IsUpper(name[0]))
        {
            problems.Add($"'{name}' should start with a capital letter (it names types: {char.ToUpperInvariant(name[0])}{name[1..]})");
        }

        var pluginId = id ?? (Identifier().IsMatch(name) ? KebabCase(name) : "");
        if (!PluginId().IsMatch(pluginId))
        {
            problems.Add($"'{pluginId}' is not a valid plugin id: use kebab-case such as my-ranker");
        }

        // An empty name or --output is no path at all (Path.GetFullPath would throw about its parameter).
        var target = output ?? name;
        var folder = target.Trim().Length == 0 || target.Contains('\0', StringComparison.Ordinal) ? "" : Path.GetFullPath(target);
        if (folder.Length == 0)
        {
            problems.Add($"--output '{output}' is not a folder path");
        }
        else if (!force && Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
        {
            problems.Add($"{folder} already exists and is not empty; choose another --output or pass --force to overwrite its files");
        }

        if (grid && parsedKind != PluginKind.SearchSpace)
        {
            problems.Add($"--grid makes a finite search space; a {kind} has no grid");
        }

        if (fast && parsedKind != PluginKind.SearchSpace)
        {
            problems.Add($"--fast adds a block kernel to a search space's motif-network; a {kind} has none");
        }

        if (packageVersion is not null && !NuGetVersion().IsMatch(packageVersion))
        {
            problems.Add($"'{packageVersion}' is not a package version such as 0.1.0 or 0.1.0-dev.1");
        }

        return problems.Count > 0
            ? throw new InvalidInputException(string.Join(Environment.NewLine, problems))
            : new ScaffoldRequest(parsedKind, name, pluginId, folder, packageVersion ?? OwnPackageVersion, grid, fast);
    }

    /// <summary>Renders every template in memory: relative output path → content. Throws <see cref="InvalidInputException"/> with file and line of every template error.</summary>
    public static IReadOnlyDictionary<string, string> Render(ScaffoldRequest request, string templatesFolder)
    {
        ArgumentNullException.ThrowIfNull(request);
        var kindName = PluginKinds.Name(request.Kind);
        var folders = new[] { "common", kindName }.Select(f => Path.Combine(templatesFolder, f)).ToList();
        if (folders.FirstOrDefault(f => !Directory.Exists(f)) is { } missing)
        {
            throw new InvalidOperationException($"template folder {missing} is missing from this installation");
        }

        var model = Model(request);
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var folder in folders)
        {
            foreach (var path in Directory.EnumerateFiles(folder, "*.sbn", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                var shown = Path.GetRelativePath(templatesFolder, path);
                var template = Template.Parse(File.ReadAllText(path), path);
                if (template.HasErrors)
                {
                    errors.AddRange(template.Messages.Select(m => $"templates/{shown}({m.Span.Start.Line + 1},{m.Span.Start.Column + 1}): {m.Message}"));
                    continue;
                }

                try
                {
                    var context = new TemplateContext { StrictVariables = true, MemberRenamer = member => member.Name };
                    context.PushGlobal(model);
                    var content = template.Render(context);
                    if (content.Trim().Length > 0)
                    {
                        files[OutputPath(Path.GetRelativePath(folder, path), request)] = content;
                    }
                }
                catch (ScriptRuntimeException ex)
                {
                    errors.Add($"templates/{shown}({ex.Span.Start.Line + 1},{ex.Span.Start.Column + 1}): {ex.OriginalMessage}");
                }
            }
        }

        return errors.Count > 0 ? throw new InvalidInputException(string.Join(Environment.NewLine, errors)) : files;
    }

    /// <summary>Writes rendered files under the request's output folder; returns their paths.</summary>
    public static IReadOnlyList<string> Write(ScaffoldRequest request, IReadOnlyDictionary<string, string> files)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(files);
        var written = new List<string>();
        foreach (var (relative, content) in files)
        {
            var path = Path.Combine(request.Output, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, content);
            written.Add(path);
        }

        return written;
    }

    /// <summary>The project name of a scaffolded plugin, as the shipped ones are named.</summary>
    public static string ProjectName(ScaffoldRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return $"PetriDish.Plugins.{KindFolder(request.Kind)}.{request.Name}";
    }

    private static ScriptObject Model(ScaffoldRequest request)
    {
        var metadata = typeof(PluginScaffolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().ToDictionary(a => a.Key, a => a.Value ?? "");
        var project = ProjectName(request);
        var model = new ScriptObject
        {
            ["name"] = request.Name,
            ["id"] = request.Id,
            ["kind"] = PluginKinds.Name(request.Kind),
            ["project"] = project,
            ["namespace"] = project,
            ["manifest_section"] = request.Kind switch { PluginKind.SearchSpace => "searchSpace", PluginKind.Optimizer => "optimizer", _ => "surrogates[0]" },
            ["needs_libtorch"] = request.Kind == PluginKind.SearchSpace,
            ["petridish_version"] = request.PackageVersion,
            ["grid"] = request.Grid,
            ["fast"] = request.Fast,
        };
        foreach (var (key, variable) in new[] { ("TorchSharpVersion", "torchsharp_version"), ("LibTorchVersion", "libtorch_version"), ("MicrosoftExtensionsVersion", "extensions_version"), ("TestSdkVersion", "test_sdk_version"), ("XunitVersion", "xunit_version"), ("XunitRunnerVersion", "xunit_runner_version") })
        {
            model[variable] = metadata.TryGetValue(key, out var value) ? value : throw new InvalidOperationException($"this build of petridish lacks the {key} it pins in scaffolded projects");
        }

        return model;
    }

    [GeneratedRegex(@"^[0-9]+\.[0-9]+\.[0-9]+(-[0-9A-Za-z.-]+)?$")]
    private static partial Regex NuGetVersion();

    private static string OutputPath(string templatePath, ScaffoldRequest request) =>
        templatePath[..^".sbn".Length]
            .Replace("__Project__", ProjectName(request), StringComparison.Ordinal)
            .Replace("__Name__", request.Name, StringComparison.Ordinal)
            .Replace("__dot__", ".", StringComparison.Ordinal);

    private static string KindFolder(PluginKind kind) => kind switch
    {
        PluginKind.SearchSpace => "SearchSpace",
        PluginKind.Surrogate => "Surrogate",
        _ => "Optimizer",
    };

    private static string KebabCase(string name) => Boundary().Replace(name, "$1-$2").ToLowerInvariant();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]*$")]
    private static partial Regex Identifier();

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex PluginId();

    [GeneratedRegex("([a-z0-9])([A-Z])")]
    private static partial Regex Boundary();
}
