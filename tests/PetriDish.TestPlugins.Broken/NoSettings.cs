namespace PetriDish.TestPlugins.Broken;

/// <summary>Settings of the broken test spaces (none).</summary>
public sealed class NoSettings;
