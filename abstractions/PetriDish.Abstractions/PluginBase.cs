namespace PetriDish.Abstractions;

/// <summary>Common plumbing of the typed plugin bases.</summary>
/// <typeparam name="TSettings">The settings type bound from the manifest.</typeparam>
public abstract class PluginBase<TSettings> : IPlugin
    where TSettings : class, new()
{
    /// <inheritdoc />
    public abstract string Id { get; }

    /// <inheritdoc />
    public abstract PluginKind Kind { get; }

    /// <inheritdoc />
    public virtual Version Version => GetType().Assembly.GetName().Version ?? new Version(0, 0);

    /// <inheritdoc />
    public abstract string Description { get; }

    /// <inheritdoc />
    public Type SettingsType => typeof(TSettings);

    /// <inheritdoc />
    public virtual string? SettingsSchema => null;

    /// <inheritdoc />
    public IReadOnlyList<SettingsError> Validate(object settings, PluginValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return [.. Validate(Cast(settings), context)];
    }

    /// <summary>Checks settings beyond the schema; yields every problem found.</summary>
    protected virtual IEnumerable<SettingsError> Validate(TSettings settings, PluginValidationContext context) => [];

    /// <summary>The settings object as the plugin's type (a clear error if the host passed something else).</summary>
    protected static TSettings Cast(object settings) => settings as TSettings
        ?? throw new ArgumentException($"expected settings of type {typeof(TSettings).FullName}, got {settings?.GetType().FullName ?? "null"}", nameof(settings));
}
