using System.Text;

namespace PetriDish.Core.Manifest;

/// <summary>One problem with a manifest: which file, where in it (JSON path, line) and which plugin.</summary>
public sealed record ManifestError(string File, string JsonPath, string? Plugin, string Message, int? Line = null, int? Column = null)
{
    /// <summary><c>file:line:column: $.path (plugin 'id'): message</c>.</summary>
    public override string ToString()
    {
        var text = new StringBuilder(File);
        if (Line is { } line)
        {
            text.Append(':').Append(line);
            if (Column is { } column)
            {
                text.Append(':').Append(column);
            }
        }

        text.Append(": ").Append(JsonPath);
        if (Plugin is not null)
        {
            text.Append(" (plugin '").Append(Plugin).Append("')");
        }

        return text.Append(": ").Append(Message).ToString();
    }
}
