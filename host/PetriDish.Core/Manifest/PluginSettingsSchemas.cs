using System.Collections.Concurrent;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.NewtonsoftJson.Generation;
using PetriDish.Abstractions;

namespace PetriDish.Core.Manifest;

/// <summary>
/// The JSON schema of each plugin's settings: the plugin's own, or one derived from its settings type
/// (with the same naming rules the binder uses, and data annotations as constraints).
/// </summary>
internal static class PluginSettingsSchemas
{
    private static readonly ConcurrentDictionary<IPlugin, JsonSchema> Cache = new();
    private static readonly ConcurrentDictionary<Type, JsonSchema> TypeCache = new();

    /// <summary>The schema of <paramref name="plugin"/>'s settings.</summary>
    public static JsonSchema For(IPlugin plugin) => Cache.GetOrAdd(plugin, p =>
        p.SettingsSchema is { } text ? JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult() : ForType(p.SettingsType));

    /// <summary>The schema derived from a settings class (also the host's own, e.g. executor settings).</summary>
    public static JsonSchema ForType(Type settingsType) => TypeCache.GetOrAdd(settingsType, Generate);

    private static JsonSchema Generate(Type settingsType)
    {
        var settings = new NewtonsoftJsonSchemaGeneratorSettings
        {
            SerializerSettings = ManifestJson.Settings,
            SchemaType = SchemaType.JsonSchema,
            DefaultReferenceTypeNullHandling = ReferenceTypeNullHandling.NotNull,
            AlwaysAllowAdditionalObjectProperties = false,
            GenerateEnumMappingDescription = false,
            FlattenInheritanceHierarchy = true,
        };
        return JsonSchema.FromType(settingsType, settings);
    }
}
