using System.Globalization;
using PetriDish.Abstractions;

namespace PetriDish.TestPlugins.Broken;

/// <summary>An integer 0 … size − 1; <paramref name="PaddedKey"/> is the broken key form of <see cref="Fault.KeyRoundTrip"/>.</summary>
public sealed record GridMotif(int Position, bool PaddedKey = false) : IMotif
{
    public string Key => "grid:" + (PaddedKey ? "0" : "") + Position.ToString(CultureInfo.InvariantCulture);
}
