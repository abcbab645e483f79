using System.Collections.Concurrent;
using NJsonSchema;
using NJsonSchema.Generation;
using NJsonSchema.NewtonsoftJson.Generation;
using PetriDish.Abstractions;

namespace PetriDish.Host.Manifest;

/// <summary>
/// The JSON schema of each plugin's settings: the plugin's own, or one derived from its settings type
/// (with the same naming rules the binder uses, and data annotations as constraints).
/// </summary>
public static class PluginSettingsSchemas
{
    private static readonly ConcurrentDictionary<IPlugin, JsonSchema> Cache = new();

    /// <summary>The schema of <paramref name="plugin"/>'s settings.</summary>
    public static JsonSchema For(IPlugin plugin) => Cache.GetOrAdd(plugin, Create);

    private static JsonSchema Create(IPlugin plugin)
    {
        if (plugin.SettingsSchema is { } text)
        {
            return JsonSchema.FromJsonAsync(text).GetAwaiter().GetResult();
        }

        var settings = new NewtonsoftJsonSchemaGeneratorSettings
        {
            SerializerSettings = ManifestJson.Settings,
            SchemaType = SchemaType.JsonSchema,
            DefaultReferenceTypeNullHandling = ReferenceTypeNullHandling.NotNull,
            AlwaysAllowAdditionalObjectProperties = false,
            GenerateEnumMappingDescription = false,
            FlattenInheritanceHierarchy = true,
        };
        return JsonSchema.FromType(plugin.SettingsType, settings);
    }
}
