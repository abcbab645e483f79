using System.Text.RegularExpressions;
using Scriban;

namespace PetriDish.Core.Scaffolding;

/// <summary>
/// Writes a starter experiment: <c>NAME.json</c>, the README's main job with a comment on every
/// setting (<c>templates/experiment/experiment.json.sbn</c>), and <c>NAME-reference.csv</c>, the known
/// sigmoid-slope curve its report ranks against, so that it runs as it is wherever it is written.
/// </summary>
internal static partial class ExperimentScaffolder
{
    private const string TemplateFile = "experiment.json.sbn";
    private const string ReferenceFile = "sigmoid-slope-embedded-101.csv";

    /// <summary>Renders and writes the experiment; returns the paths written. Nothing is written when anything is wrong.</summary>
    public static IReadOnlyList<string> Write(string name, string? output, bool force, string templatesFolder)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (!FileName().IsMatch(name))
        {
            throw new InvalidInputException($"'{name}' is not a valid experiment name: use letters, digits, '-' and '_', starting with a letter or digit (it names {name}.json)");
        }

        var folder = Path.GetFullPath(output ?? ".");
        var manifest = Path.Combine(folder, name + ".json");
        var reference = Path.Combine(folder, name + "-reference.csv");
        var existing = new[] { manifest, reference }.Where(File.Exists).ToList();
        if (existing.Count > 0 && !force)
        {
            throw new InvalidInputException($"{string.Join(" and ", existing)} already exist(s); choose another name or --output, or pass --force to overwrite");
        }

        var source = Path.Combine(templatesFolder, "experiment");
        var templatePath = Path.Combine(source, TemplateFile);
        var referenceSource = Path.Combine(source, ReferenceFile);
        if (!File.Exists(templatePath) || !File.Exists(referenceSource))
        {
            throw new InvalidOperationException($"the experiment template is missing from {source}; reinstall petridish");
        }

        var template = Template.Parse(File.ReadAllText(templatePath), templatePath);
        if (template.HasErrors)
        {
            throw new InvalidOperationException(string.Join(Environment.NewLine, template.Messages.Select(m => m.ToString())));
        }

        var text = template.Render(new { name, file = Path.GetFileName(manifest), reference = Path.GetFileName(reference) }, member => member.Name);
        Directory.CreateDirectory(folder);
        File.Copy(referenceSource, reference, overwrite: true);
        File.WriteAllText(manifest, text);
        return [manifest, reference];
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]*$")]
    private static partial Regex FileName();
}
