using Newtonsoft.Json.Linq;
using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace PetriDish.Core.Manifest;

/// <summary>The one Newtonsoft.Json configuration used for manifests and plugin settings: camelCase, string enums.</summary>
internal static class ManifestJson
{
    public static JsonSerializerSettings Settings { get; } = Create();

    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings);

    /// <summary>A manifest built in code as the JSON a file would hold (unset optional parts left out).</summary>
    public static string Write(ExperimentManifest manifest) =>
        JsonConvert.SerializeObject(manifest, new JsonSerializerSettings(Settings) { NullValueHandling = NullValueHandling.Ignore });

    /// <summary>Settings given in code (an anonymous or typed object, or a JObject) as the manifest's settings object.</summary>
    public static JObject SettingsObject(object? settings) => settings switch
    {
        null => [],
        JObject json => json,
        _ => JObject.FromObject(settings, Serializer),
    };

    private static JsonSerializerSettings Create() => new()
    {
        ContractResolver = new CamelCasePropertyNamesContractResolver
        {
            // Keep keys of dictionaries (and JObject settings) as written.
            NamingStrategy = new CamelCaseNamingStrategy { ProcessDictionaryKeys = false },
        },
        Converters = { new StringEnumConverter(new KebabCaseNamingStrategy()) },
        MissingMemberHandling = MissingMemberHandling.Error,
        // A list given in the manifest replaces the default list; it is never appended to it.
        ObjectCreationHandling = ObjectCreationHandling.Replace,
        NullValueHandling = NullValueHandling.Include,
        FloatParseHandling = FloatParseHandling.Double,
        DateParseHandling = DateParseHandling.None,
        Formatting = Formatting.Indented,
    };
}
