using System.Globalization;
using PetriDish.Abstractions;

namespace PetriDish.TestPlugins;

public sealed record ToyMotif(int Position) : IMotif
{
    public string Key => "toy:" + Position.ToString(CultureInfo.InvariantCulture);
}
