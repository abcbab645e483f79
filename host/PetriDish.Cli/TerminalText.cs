using System.Globalization;
using System.Text;

namespace PetriDish.Cli;

/// <summary>
/// Text echoed from the user's input (a motif key, a file's line) made safe for a terminal: control
/// characters, which could move the cursor or recolour the screen, are shown as <c>\u001B</c>.
/// Line breaks and tabs stay, since messages are made of lines.
/// </summary>
internal static class TerminalText
{
    public static string Safe(string text)
    {
        if (!text.Any(IsUnsafe))
        {
            return text;
        }

        var safe = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            safe.Append(IsUnsafe(c) ? string.Create(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}") : c);
        }

        return safe.ToString();
    }

    private static bool IsUnsafe(char c) => char.IsControl(c) && c is not '\n' and not '\t';
}
