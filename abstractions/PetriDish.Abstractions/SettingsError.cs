namespace PetriDish.Abstractions;

/// <summary>A problem with a plugin's settings.</summary>
/// <param name="Path">
/// Where, relative to the plugin's <c>settings</c> object, in JSON-path form without the leading <c>$</c>
/// (e.g. <c>groundTruth.epochs</c>, <c>range[1]</c>); empty for the settings as a whole.
/// </param>
/// <param name="Message">What is wrong, in words a user can act on.</param>
public sealed record SettingsError(string Path, string Message);
