using System.Globalization;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace PetriDish.Core.Manifest;

/// <summary>Turns NJsonSchema's validation errors into manifest errors a user can act on.</summary>
internal static class SchemaErrors
{
    /// <summary>Validates <paramref name="token"/> (found at <paramref name="basePath"/> of <paramref name="root"/>, or standing in for it) and describes each problem.</summary>
    public static IEnumerable<ManifestError> Validate(JsonSchema schema, JToken token, string basePath, JToken root, string file, string? plugin)
    {
        // NJsonSchema reports paths from the document root when the token is part of one, and from the
        // token itself when it stands alone (e.g. settings the manifest left out).
        var prefix = ReferenceEquals(token.Root, root) ? "$" : basePath;
        foreach (var error in Flatten(schema.Validate(token)))
        {
            var path = Combine(prefix, error.Path);
            var (line, column) = LineOf(root, path, error);
            yield return new ManifestError(file, path, plugin, Describe(error, root.SelectToken(path, errorWhenNoMatch: false)), line, column);
        }
    }

    /// <summary>The line and column of the token at <paramref name="path"/> (or of its nearest existing parent).</summary>
    public static (int? Line, int? Column) LineOf(JToken root, string path)
    {
        for (var candidate = path; candidate.Length > 0; candidate = Parent(candidate))
        {
            if (root.SelectToken(candidate, errorWhenNoMatch: false) is IJsonLineInfo info && info.HasLineInfo())
            {
                return (info.LineNumber, info.LinePosition);
            }

            if (candidate == "$")
            {
                break;
            }
        }

        return (null, null);
    }

    private static (int? Line, int? Column) LineOf(JToken root, string path, ValidationError error) =>
        error.HasLineInfo ? (error.LineNumber, error.LinePosition) : LineOf(root, path);

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is ChildSchemaValidationError child && child.Errors.Count > 0)
            {
                // oneOf/anyOf: the nested reasons say more than "not any of".
                foreach (var nested in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return nested;
                }
            }
            else
            {
                yield return error;
            }
        }
    }

    private static string Combine(string basePath, string? errorPath)
    {
        var relative = (errorPath ?? "#").TrimStart('#').TrimStart('/');
        if (relative.Length == 0)
        {
            return basePath;
        }

        return relative.StartsWith('[') ? basePath + relative : $"{basePath}.{relative}";
    }

    private static string Parent(string path)
    {
        var cut = Math.Max(path.LastIndexOf('.'), path.LastIndexOf('['));
        return cut <= 0 ? "$" : path[..cut];
    }

    private static string Describe(ValidationError error, JToken? value)
    {
        var schema = error.Schema;
        var shown = value is null ? "nothing" : Show(value);
        return error.Kind switch
        {
            ValidationErrorKind.PropertyRequired => $"required property '{error.Property}' is missing",
            ValidationErrorKind.NoAdditionalPropertiesAllowed => $"unknown property '{error.Property}'{Suggest(error.Property, error)}",
            ValidationErrorKind.IntegerExpected => $"expected an integer, got {shown}",
            ValidationErrorKind.NumberExpected => $"expected a number, got {shown}",
            ValidationErrorKind.StringExpected => $"expected a string, got {shown}",
            ValidationErrorKind.BooleanExpected => $"expected true or false, got {shown}",
            ValidationErrorKind.ArrayExpected => $"expected an array, got {shown}",
            ValidationErrorKind.ObjectExpected => $"expected an object, got {shown}",
            ValidationErrorKind.NullExpected => $"expected null, got {shown}",
            ValidationErrorKind.NumberTooSmall => $"{shown} is below the minimum {Bound(schema?.ExclusiveMinimum ?? schema?.Minimum, schema?.IsExclusiveMinimum == true || schema?.ExclusiveMinimum is not null)}",
            ValidationErrorKind.NumberTooBig => $"{shown} is above the maximum {Bound(schema?.ExclusiveMaximum ?? schema?.Maximum, schema?.IsExclusiveMaximum == true || schema?.ExclusiveMaximum is not null)}",
            ValidationErrorKind.PatternMismatch => $"{shown} does not match the pattern {schema?.Pattern}{(schema?.Description is { Length: > 0 } description ? $": {description}" : "")}",
            ValidationErrorKind.NotInEnumeration => $"{shown} is not one of {string.Join(", ", schema?.Enumeration.Select(e => JToken.FromObject(e ?? JValue.CreateNull()).ToString(Formatting.None)) ?? [])}",
            ValidationErrorKind.StringTooShort => $"{shown} is shorter than {schema?.MinLength} characters",
            ValidationErrorKind.TooFewItems => $"has fewer than {schema?.MinItems} items",
            ValidationErrorKind.TooManyItems => $"has more than {schema?.MaxItems} items",
            _ => $"{SplitWords(error.Kind.ToString())} (value: {shown})",
        };
    }

    private static string Suggest(string? property, ValidationError error)
    {
        var known = error.Schema?.ActualProperties.Keys ?? [];
        var best = property is null ? null : Spelling.Closest(property, known);
        return best is null ? $"; known properties: {string.Join(", ", known)}" : $"; did you mean '{best}'?";
    }

    private static string Bound(decimal? value, bool exclusive) =>
        value is null ? "" : (exclusive ? "(exclusive) " : "") + value.Value.ToString(CultureInfo.InvariantCulture);

    private static string Show(JToken value) => value.Type switch
    {
        JTokenType.String => $"string \"{value}\"",
        JTokenType.Integer or JTokenType.Float => value.ToString(Formatting.None),
        JTokenType.Boolean => value.ToString(Formatting.None),
        JTokenType.Null => "null",
        JTokenType.Array => "an array",
        JTokenType.Object => "an object",
        _ => value.Type.ToString().ToLowerInvariant(),
    };

    private static string SplitWords(string name) =>
        string.Concat(name.Select((c, i) => i > 0 && char.IsUpper(c) ? " " + char.ToLowerInvariant(c) : char.ToLowerInvariant(c).ToString()));
}
