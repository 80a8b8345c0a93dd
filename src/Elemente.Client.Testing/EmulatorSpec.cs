using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using NJsonSchema;
using NJsonSchema.Validation;

namespace Elemente.Testing;

/// <summary>
/// The effective spec (the docs pages merged, with the overlay's corrections) the client was generated from: the
/// emulator routes by its paths, checks request bodies against its schemas and is tested against its responses.
/// OpenAPI 3.0 schemas are turned into JSON Schema for NJsonSchema once, on load: <c>nullable: true</c> becomes a
/// <c>null</c> type (and a <c>null</c> enum member), references point into <c>definitions</c>.
/// </summary>
internal sealed class EmulatorSpec
{
    private static readonly Lazy<EmulatorSpec> Embedded = new(() => Parse(ReadEmbedded()));

    private EmulatorSpec(IReadOnlyList<SpecOperation> operations, string json)
    {
        Operations = operations;
        Json = json;
    }

    /// <summary>The spec embedded in this assembly at build time.</summary>
    public static EmulatorSpec Default => Embedded.Value;

    public IReadOnlyList<SpecOperation> Operations { get; }

    public string Json { get; }

    public static EmulatorSpec Parse(string json)
    {
        var document = JObject.Parse(json);
        var definitions = new JObject();
        if (document.SelectToken("components.schemas") is JObject schemas)
        {
            foreach (var schema in schemas.Properties())
            {
                definitions[schema.Name] = ToJsonSchema(schema.Value);
            }
        }

        var operations = new List<SpecOperation>();
        foreach (var path in ((JObject?)document["paths"])?.Properties() ?? Enumerable.Empty<JProperty>())
        {
            foreach (var method in ((JObject)path.Value).Properties())
            {
                if (method.Value is not JObject operation || !IsHttpMethod(method.Name))
                {
                    continue;
                }

                var responses = new Dictionary<int, JsonSchema?>();
                foreach (var response in ((JObject?)operation["responses"])?.Properties() ?? Enumerable.Empty<JProperty>())
                {
                    if (int.TryParse(response.Name, out var status))
                    {
                        responses[status] = Compile(response.Value.SelectToken("content['application/json'].schema"), definitions);
                    }
                }

                operations.Add(new SpecOperation(
                    (string?)operation["operationId"] ?? $"{method.Name.ToUpperInvariant()} {path.Name}",
                    method.Name.ToUpperInvariant(),
                    path.Name,
                    Compile(operation.SelectToken("requestBody.content['application/json'].schema"), definitions),
                    (bool?)operation.SelectToken("requestBody.required") ?? false,
                    responses));
            }
        }

        return new EmulatorSpec(operations, json);
    }

    /// <summary>The operation a method and path reach; <paramref name="pathMatched"/> tells a wrong method from an unknown path.</summary>
    public SpecOperation? Find(string method, string path, out bool pathMatched, out IReadOnlyDictionary<string, string> parameters)
    {
        pathMatched = false;
        parameters = new Dictionary<string, string>();
        // Express routes are not strict: one trailing slash is ignored (and, below, case too).
        if (path.Length > 1 && path.EndsWith('/'))
        {
            path = path[..^1];
        }

        foreach (var operation in Operations)
        {
            var match = operation.Pattern.Match(path);
            if (!match.Success)
            {
                continue;
            }

            pathMatched = true;
            if (operation.Method == method)
            {
                parameters = operation.Pattern.GetGroupNames().Where(name => !int.TryParse(name, out _))
                    .ToDictionary(name => name, name => Uri.UnescapeDataString(match.Groups[name].Value), StringComparer.Ordinal);
                return operation;
            }
        }

        return null;
    }

    private static bool IsHttpMethod(string name) =>
        name is "get" or "put" or "post" or "delete" or "options" or "head" or "patch" or "trace";

    private static JsonSchema? Compile(JToken? schema, JObject definitions)
    {
        if (schema is not JObject)
        {
            return null;
        }

        var root = (JObject)ToJsonSchema(schema);
        root["definitions"] = definitions.DeepClone();
        return JsonSchema.FromJsonAsync(root.ToString()).GetAwaiter().GetResult();
    }

    /// <summary>An OpenAPI 3.0 schema as JSON Schema (draft 4, which NJsonSchema reads).</summary>
    private static JToken ToJsonSchema(JToken token)
    {
        switch (token)
        {
            case JArray array:
                return new JArray(array.Select(ToJsonSchema));
            case JObject schema:
            {
                var result = new JObject();
                foreach (var property in schema.Properties())
                {
                    switch (property.Name)
                    {
                        case "nullable" or "example" or "examples" or "xml" or "externalDocs" or "deprecated" or "readOnly" or "writeOnly" or "discriminator":
                            break;
                        case "$ref" when property.Value.Type == JTokenType.String:
                            result["$ref"] = ((string)property.Value!).Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal);
                            break;
                        case "properties" or "definitions" when property.Value is JObject named:
                            result[property.Name] = new JObject(named.Properties().Select(p => new JProperty(p.Name, ToJsonSchema(p.Value))));
                            break;
                        case "enum" or "required" or "type" or "description" or "format" or "pattern":
                            result[property.Name] = property.Value.DeepClone();
                            break;
                        default:
                            result[property.Name] = ToJsonSchema(property.Value);
                            break;
                    }
                }

                if ((bool?)schema["nullable"] == true)
                {
                    if (result["type"] is JValue type)
                    {
                        result["type"] = new JArray(type, "null");
                        if (result["enum"] is JArray values && !values.Any(v => v.Type == JTokenType.Null))
                        {
                            values.Add(JValue.CreateNull());
                        }
                    }
                    else
                    {
                        return new JObject { ["anyOf"] = new JArray(result, new JObject { ["type"] = "null" }) };
                    }
                }

                return result;
            }

            default:
                return token.DeepClone();
        }
    }

    private static string ReadEmbedded()
    {
        using var stream = typeof(EmulatorSpec).Assembly.GetManifestResourceStream("elemente.effective.json")
            ?? throw new InvalidOperationException("Elemente.Client.Testing was built without its effective spec (resource elemente.effective.json).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

/// <summary>One operation of the effective spec.</summary>
internal sealed class SpecOperation
{
    public SpecOperation(string id, string method, string pathTemplate, JsonSchema? requestSchema, bool requestRequired, IReadOnlyDictionary<int, JsonSchema?> responses)
    {
        Id = id;
        Method = method;
        PathTemplate = pathTemplate;
        RequestSchema = requestSchema;
        RequestRequired = requestRequired;
        Responses = responses;
        Pattern = new Regex(
            "^" + Regex.Replace(Regex.Escape(pathTemplate), @"\\\{(\w+)}", "(?<$1>[^/]+)") + "$",
            RegexOptions.CultureInvariant | RegexOptions.ExplicitCapture | RegexOptions.IgnoreCase);
    }

    public string Id { get; }

    public string Method { get; }

    public string PathTemplate { get; }

    public Regex Pattern { get; }

    public JsonSchema? RequestSchema { get; }

    public bool RequestRequired { get; }

    /// <summary>The declared answers by status, with the JSON body's schema (null when the spec gives none).</summary>
    public IReadOnlyDictionary<int, JsonSchema?> Responses { get; }

    /// <summary>Checks a JSON value against a schema; the errors flattened, with their paths.</summary>
    public static IReadOnlyList<ValidationError> Validate(JsonSchema schema, JToken value) =>
        Flatten(schema.Validate(value)).ToList();

    private static IEnumerable<ValidationError> Flatten(IEnumerable<ValidationError> errors)
    {
        foreach (var error in errors)
        {
            if (error is MultiTypeValidationError typed && typed.Errors.Count > 0)
            {
                // A nullable value ("type": [X, "null"]) that is neither: report what is wrong with it as an X.
                foreach (var inner in Flatten(typed.Errors.SelectMany(e => e.Value).Where(e => e.Kind != ValidationErrorKind.NullExpected)))
                {
                    yield return inner;
                }
            }
            else if (error is ChildSchemaValidationError child && child.Errors.Count > 0 && error.Kind is not (ValidationErrorKind.NotAnyOf or ValidationErrorKind.NotOneOf))
            {
                foreach (var inner in Flatten(child.Errors.SelectMany(e => e.Value)))
                {
                    yield return inner;
                }
            }
            else
            {
                yield return error;
            }
        }
    }
}
