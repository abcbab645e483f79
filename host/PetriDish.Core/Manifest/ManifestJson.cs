using Newtonsoft.Json;
using Newtonsoft.Json.Converters;
using Newtonsoft.Json.Serialization;

namespace PetriDish.Core.Manifest;

/// <summary>The one Newtonsoft.Json configuration used for manifests and plugin settings: camelCase, string enums.</summary>
public static class ManifestJson
{
    public static JsonSerializerSettings Settings { get; } = Create();

    public static JsonSerializer Serializer { get; } = JsonSerializer.Create(Settings);

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
