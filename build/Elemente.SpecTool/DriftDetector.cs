using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>Which way data flows for a schema: sent by the client, or received by it.</summary>
[Flags]
public enum DataDirection
{
    /// <summary>Not data (an operation, a response code).</summary>
    None = 0,

    /// <summary>Sent by the client (parameters, request bodies).</summary>
    Request = 1,

    /// <summary>Received by the client (response bodies).</summary>
    Response = 2,
}

/// <summary>What a change does to a user of this client (see <see cref="DriftDetector.Rules"/>).</summary>
public enum DriftImpact
{
    /// <summary>Nothing: existing applications keep working, and still compile after <c>update</c> regenerates.</summary>
    NonBreaking = 0,

    /// <summary>Safe on the wire, but the regenerated public API changes, so code has to change once <c>update</c> regenerates.</summary>
    CodeChange = 1,

    /// <summary>An application built on the client from the committed spec can fail against the API as now documented.</summary>
    Breaking = 2,
}

/// <summary>One semantic difference between the committed spec and the upstream one.</summary>
/// <param name="Kind">A stable identifier of the kind of change, e.g. <c>property-removed</c>.</param>
/// <param name="Summary">One line a person can act on, e.g. <c>removed response property SanitisedFeedback.transcription</c>.</param>
/// <param name="Impact">What it does to a user of this client (see <see cref="DriftDetector.Rules"/>).</param>
/// <param name="Reason">Why it has that impact.</param>
/// <param name="Direction">Whether the changed data is sent, received or both.</param>
/// <param name="Operations">The operations affected, e.g. <c>POST /api/v1/calls</c>.</param>
public sealed record DriftChange(string Kind, string Summary, DriftImpact Impact, string Reason, DataDirection Direction, IReadOnlyList<string> Operations)
{
    /// <summary>Whether an application built on the committed spec can fail against the API as now documented.</summary>
    public bool Breaking => Impact == DriftImpact.Breaking;
}

/// <summary>
/// Compares two OpenAPI 3.0 documents semantically: operations, parameters, request and response bodies and the
/// schemas they reach (types, formats, enums, required and nullable), and classifies each change as breaking or
/// not for a user of this client.
/// </summary>
public static class DriftDetector
{
    /// <summary>The classification rules, as the report explains them.</summary>
    public static readonly IReadOnlyList<string> Rules =
    [
        "A change is **breaking** when an application built on the client from the committed spec can fail against the API as now documented. It is a **code change** when it is safe on the wire but the public API changes once `update` regenerates the client, so code that uses the changed member has to change (a major version either way). Anything else is non-breaking.",
        "Operations: removed is breaking (the server no longer serves it and `update` deletes the method); added is not (resource clients are classes with virtual methods, so a new method breaks neither callers nor test doubles).",
        "Responses (data the client receives): a property removed, retyped, reformatted, made optional or made nullable is breaking (code that reads it gets nothing or the wrong type, and the generated model changes); a new enum value is breaking (a closed enum cannot read it). A number or boolean made non-nullable (`double?` becomes `double`) and an enum value removed (its member disappears) are code changes. A property added or made required, or another type made non-nullable, is non-breaking.",
        "Requests and parameters (data the client sends): a property or parameter removed, retyped or reformatted is breaking; so is one that becomes required or non-nullable, a new required one, and an enum value removed (the client may send it). An optional query parameter added is non-breaking: the generated method takes optional query parameters in its options object, so existing calls still compile and the server applies its default. Another optional parameter added (header, cookie) is a code change: it becomes a method parameter. An optional property added, one made optional or nullable, or an enum value added, is non-breaking.",
        "Status codes: a new success code is breaking (the client treats unknown codes as errors); a removed success code is breaking (the method's result type changes); error codes added or removed are not (they already raise ElementeApiException). A request body that appears as required is breaking.",
        "Authentication: an operation that asks for other credentials than before, or a security scheme redefined under the same name (basic becoming apiKey), is breaking: the client sends what the committed spec says. Security removed from an operation, or another accepted alternative, is non-breaking: the client keeps sending credentials the server no longer needs, and the generated code does not change.",
        "Overlay: a change under a node an overlay action replaces or patches (or copies, `x-elemente-copied-from`) does not reach the client until the action is updated; the report names the action.",
    ];

    private const string Json = "application/json";

    /// <summary>Returns the changes from <paramref name="committed"/> to <paramref name="upstream"/>, breaking ones first.</summary>
    public static IReadOnlyList<DriftChange> Compare(JObject committed, JObject upstream)
    {
        var comparison = new Comparison(committed, upstream);
        var before = OpenApi.Operations(committed);
        var after = OpenApi.Operations(upstream);
        foreach (var (key, _) in before.Where(pair => !after.ContainsKey(pair.Key)))
        {
            comparison.Add(key, "operation-removed", $"removed {key}", true,
                "the server no longer documents it: calls to it will fail, and `update` deletes its method");
        }

        foreach (var (key, _) in after.Where(pair => !before.ContainsKey(pair.Key)))
        {
            comparison.Add(key, "operation-added", $"added {key}", false,
                "the client lacks a method for it until `update` adds one to the resource client, whose methods are virtual: no caller or test double breaks");
        }

        foreach (var (key, old) in before.Where(pair => after.ContainsKey(pair.Key)))
        {
            comparison.CompareOperation(old, after[key]);
        }

        comparison.CompareSecuritySchemes(after.Values);
        return comparison.Changes();
    }

    private sealed class Comparison(JObject committed, JObject upstream)
    {
        private readonly List<(string Operation, string Kind, string Summary, DriftImpact Impact, string Reason, DataDirection Direction, string Subject)> _findings = [];
        private readonly HashSet<(string, string, string, DataDirection)> _visited = [];

        public void Add(string operation, string kind, string summary, bool breaking, string reason) =>
            Add(operation, kind, summary, Impact(breaking), reason);

        public void Add(string operation, string kind, string summary, DriftImpact impact, string reason) =>
            _findings.Add((operation, kind, summary, impact, reason, DataDirection.None, summary));

        private static DriftImpact Impact(bool breaking) => breaking ? DriftImpact.Breaking : DriftImpact.NonBreaking;

        public IReadOnlyList<DriftChange> Changes() =>
            _findings
                .GroupBy(finding => (finding.Kind, finding.Subject))
                .Select(group =>
                {
                    var direction = group.Aggregate(DataDirection.None, (all, finding) => all | finding.Direction);
                    var first = group.OrderByDescending(finding => finding.Impact).First();
                    return new DriftChange(
                        first.Kind,
                        direction == (DataDirection.Request | DataDirection.Response) ? first.Summary.Replace("{dir}", "request and response") : first.Summary.Replace("{dir}", Label(direction)),
                        first.Impact,
                        first.Reason,
                        direction,
                        group.Select(finding => finding.Operation).Where(operation => operation.Length > 0).Distinct().Order(StringComparer.Ordinal).ToList());
                })
                .OrderByDescending(change => change.Impact)
                .ThenBy(change => change.Summary, StringComparer.Ordinal)
                .ToList();

        private static string Label(DataDirection direction) => direction == DataDirection.Request ? "request" : "response";

        public void CompareOperation(OpenApiOperation old, OpenApiOperation @new)
        {
            var key = old.Key;
            CompareParameters(key, Parameters(committed, old), Parameters(upstream, @new));
            CompareRequestBody(key, old.Operation["requestBody"], @new.Operation["requestBody"]);
            CompareResponses(key, old.Operation["responses"] as JObject, @new.Operation["responses"] as JObject);
            CompareSecurity(key, Requirements(committed, old), Requirements(upstream, @new));
        }

        // The alternatives an operation accepts, each a set of scheme names; an empty alternative means "no credentials".
        private static List<string> Requirements(JObject document, OpenApiOperation operation) =>
            ((operation.Operation["security"] ?? document["security"]) as JArray ?? [])
                .OfType<JObject>()
                .Select(requirement => string.Join(" + ", requirement.Properties().Select(scheme => scheme.Name).Order(StringComparer.Ordinal)))
                .Distinct()
                .Order(StringComparer.Ordinal)
                .ToList();

        private void CompareSecurity(string operation, List<string> old, List<string> @new)
        {
            if (old.SequenceEqual(@new))
            {
                return;
            }

            if (@new.Count == 0 || @new.Contains(string.Empty))
            {
                Add(operation, "security-removed", $"removed the authentication of {operation}", false,
                    "the client keeps sending credentials the server no longer needs; the generated code does not change");
            }
            else if (old.All(@new.Contains))
            {
                Add(operation, "security-alternative-added", $"added another accepted authentication to {operation}", false,
                    "the client keeps authenticating as before, which the server still accepts");
            }
            else
            {
                Add(operation, "security-changed", $"changed the authentication of {operation}", true,
                    "the client authenticates as the committed spec says; the server now expects something else");
            }
        }

        // A scheme redefined under the same name changes what every operation using it must send.
        public void CompareSecuritySchemes(IEnumerable<OpenApiOperation> operations)
        {
            var before = committed["components"]?["securitySchemes"] as JObject;
            var after = upstream["components"]?["securitySchemes"] as JObject;
            foreach (var scheme in before?.Properties() ?? [])
            {
                if (after?[scheme.Name] is not JObject redefined || SameScheme(scheme.Value, redefined))
                {
                    continue;
                }

                var users = operations.Where(operation => Requirements(upstream, operation).Any(names => names.Split(" + ").Contains(scheme.Name))).Select(operation => operation.Key).ToList();
                foreach (var user in users.DefaultIfEmpty(string.Empty))
                {
                    Add(user, "security-scheme-changed", $"redefined security scheme {scheme.Name}: {SchemeName(scheme.Value)} → {SchemeName(redefined)}", true,
                        "the client sends the credentials the committed scheme describes; the server now expects others under the same name");
                }
            }
        }

        private static bool SameScheme(JToken old, JToken @new)
        {
            var (a, b) = ((JObject)old.DeepClone(), (JObject)@new.DeepClone());
            a.Remove("description");
            b.Remove("description");
            return JToken.DeepEquals(a, b);
        }

        private static string SchemeName(JToken scheme) =>
            string.Join(" ", new[] { scheme["type"], scheme["scheme"], scheme["in"], scheme["name"] }.Where(part => part is not null).Select(part => part!.ToString()));

        private static Dictionary<string, JObject> Parameters(JObject document, OpenApiOperation operation)
        {
            var parameters = new Dictionary<string, JObject>(StringComparer.Ordinal);
            foreach (var list in new[] { operation.PathParameters, operation.Operation["parameters"] as JArray })
            {
                foreach (var parameter in list?.Select(item => OpenApi.Resolve(document, item)).OfType<JObject>() ?? [])
                {
                    parameters[$"{parameter["in"]} parameter {parameter["name"]}"] = parameter;
                }
            }

            return parameters;
        }

        private void CompareParameters(string operation, Dictionary<string, JObject> before, Dictionary<string, JObject> after)
        {
            foreach (var (name, _) in before.Where(pair => !after.ContainsKey(pair.Key)))
            {
                Data(operation, "parameter-removed", $"removed {name} of {operation}", true,
                    "the client sends it and the server no longer takes it; `update` removes it from the method", DataDirection.Request);
            }

            foreach (var (name, parameter) in after.Where(pair => !before.ContainsKey(pair.Key)))
            {
                var required = IsTrue(parameter["required"]);
                var query = parameter["in"]?.ToString() == "query";
                Data(operation, "parameter-added", $"added {(required ? "required" : "optional")} {name} to {operation}",
                    required ? DriftImpact.Breaking : query ? DriftImpact.NonBreaking : DriftImpact.CodeChange,
                    required ? "existing calls do not send it"
                    : query ? "the generated method takes optional query parameters in its options object, so existing calls still compile and omit it"
                    : "the client can keep omitting it, but `update` adds it to the method's parameters",
                    DataDirection.Request);
            }

            foreach (var (name, old) in before.Where(pair => after.ContainsKey(pair.Key)))
            {
                var @new = after[name];
                CompareRequired(operation, $"{name} of {operation}", IsTrue(old["required"]), IsTrue(@new["required"]), DataDirection.Request);
                CompareSchema(operation, name, $"{name} of {operation}", old["schema"], @new["schema"], DataDirection.Request);
            }
        }

        private void CompareRequestBody(string operation, JToken? oldToken, JToken? newToken)
        {
            var old = OpenApi.Resolve(committed, oldToken) as JObject;
            var @new = OpenApi.Resolve(upstream, newToken) as JObject;
            var subject = $"request body of {operation}";
            if (old is null && @new is null)
            {
                return;
            }

            if (old is null)
            {
                var required = IsTrue(@new!["required"]);
                Data(operation, "request-body-added", $"added a {(required ? "required" : "optional")} {subject}", required,
                    required ? "existing calls send no body" : "the client can keep sending none", DataDirection.Request);
                return;
            }

            if (@new is null)
            {
                Data(operation, "request-body-removed", $"removed the {subject}", true,
                    "the client sends a body the server no longer takes; `update` changes the method", DataDirection.Request);
                return;
            }

            CompareRequired(operation, subject, IsTrue(old["required"]), IsTrue(@new["required"]), DataDirection.Request);
            CompareContent(operation, subject, old["content"] as JObject, @new["content"] as JObject, DataDirection.Request);
        }

        private void CompareResponses(string operation, JObject? old, JObject? @new)
        {
            var before = old?.Properties().ToDictionary(property => property.Name, property => property.Value) ?? [];
            var after = @new?.Properties().ToDictionary(property => property.Name, property => property.Value) ?? [];
            foreach (var code in before.Keys.Where(code => !after.ContainsKey(code)))
            {
                var success = code.StartsWith('2');
                Add(operation, "response-removed", $"removed response {code} of {operation}", success,
                    success ? "the method's result type comes from it and changes after `update`" : "an error code the client already raises as ElementeApiException");
            }

            foreach (var code in after.Keys.Where(code => !before.ContainsKey(code)))
            {
                var success = code.StartsWith('2');
                Add(operation, "response-added", $"added response {code} to {operation}", success,
                    success ? "the client treats a success code it does not know as an error" : "an error code: the client raises it as ElementeApiException");
            }

            foreach (var code in before.Keys.Where(after.ContainsKey))
            {
                var oldResponse = OpenApi.Resolve(committed, before[code]) as JObject;
                var newResponse = OpenApi.Resolve(upstream, after[code]) as JObject;
                CompareContent(operation, $"response {code} of {operation}", oldResponse?["content"] as JObject, newResponse?["content"] as JObject, DataDirection.Response);
            }
        }

        private void CompareContent(string operation, string subject, JObject? old, JObject? @new, DataDirection direction)
        {
            var before = old?.Properties().Select(property => property.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            var after = @new?.Properties().Select(property => property.Name).ToHashSet(StringComparer.Ordinal) ?? [];
            foreach (var mediaType in before.Where(type => !after.Contains(type)).Order(StringComparer.Ordinal))
            {
                Data(operation, "media-type-removed", $"removed {mediaType} from the {subject}", true,
                    direction == DataDirection.Request ? "the client sends this media type" : "the client reads this media type", direction);
            }

            foreach (var mediaType in after.Where(type => !before.Contains(type)).Order(StringComparer.Ordinal))
            {
                Data(operation, "media-type-added", $"added {mediaType} to the {subject}", direction == DataDirection.Response && before.Count > 0 && mediaType != Json,
                    direction == DataDirection.Request ? "another media type the client may send" : "another media type the server may answer with", direction);
            }

            foreach (var mediaType in before.Where(after.Contains))
            {
                CompareSchema(operation, subject, subject, old![mediaType]?["schema"], @new![mediaType]?["schema"], direction);
            }
        }

        private void CompareRequired(string operation, string subject, bool old, bool @new, DataDirection direction)
        {
            if (old == @new)
            {
                return;
            }

            var breaking = direction == DataDirection.Request ? @new : !@new;
            var reason = (direction, @new) switch
            {
                (DataDirection.Request, true) => "existing calls may omit it and will be rejected",
                (DataDirection.Request, false) => "the client may keep sending it",
                (_, true) => "the client now always receives it",
                _ => "the client may no longer receive it; code that relies on it breaks",
            };
            Data(operation, @new ? "required-added" : "required-removed", @new ? $"made {subject} required" : $"made {subject} optional", breaking, reason, direction);
        }

        // subject names the schema for nested names (SanitisedFeedback.messages); noun is how a change to it reads.
        private void CompareSchema(string operation, string subject, string noun, JToken? oldToken, JToken? newToken, DataDirection direction)
        {
            var oldSchema = Unwrap(oldToken);
            var newSchema = Unwrap(newToken);
            if (oldSchema is null || newSchema is null)
            {
                if (oldSchema is not null || newSchema is not null)
                {
                    Data(operation, "schema-changed", $"{(oldSchema is null ? "added" : "removed")} the schema of {noun}", true,
                        "the generated type changes", direction);
                }

                return;
            }

            CompareNullable(operation, noun, IsNullable(oldToken), IsNullable(newToken), IsValueType(committed, oldSchema), direction);
            var oldRef = OpenApi.RefName(oldSchema);
            var newRef = OpenApi.RefName(newSchema);
            if (oldRef is not null || newRef is not null)
            {
                if (oldRef != newRef)
                {
                    Data(operation, "type-changed", $"changed the type of {noun}: {TypeName(oldSchema)} → {TypeName(newSchema)}", true,
                        "the generated type changes and values no longer match", direction);
                    return;
                }

                // The same component: compare it once per operation and direction, under its own name.
                if (_visited.Add((operation, oldRef!, newRef!, direction)))
                {
                    CompareSchema(operation, oldRef!, $"{{dir}} schema {oldRef}", OpenApi.Resolve(committed, oldSchema), OpenApi.Resolve(upstream, newSchema), direction);
                }

                return;
            }

            if (oldSchema is not JObject oldObject || newSchema is not JObject newObject)
            {
                return;
            }

            if (TypeName(oldObject) != TypeName(newObject))
            {
                var kind = oldObject["type"]?.ToString() != newObject["type"]?.ToString() ? "type-changed" : "format-changed";
                Data(operation, kind, $"changed the {(kind == "type-changed" ? "type" : "format")} of {noun}: {TypeName(oldObject)} → {TypeName(newObject)}", true,
                    "the generated type changes and values no longer match", direction);
            }

            CompareEnum(operation, noun, oldObject["enum"] as JArray, newObject["enum"] as JArray, direction);
            CompareProperties(operation, subject, oldObject, newObject, direction);
            CompareSchema(operation, $"{subject}[]", $"the items of {noun}", oldObject["items"], newObject["items"], direction);
        }

        private void CompareProperties(string operation, string subject, JObject old, JObject @new, DataDirection direction)
        {
            var before = (old["properties"] as JObject)?.Properties().ToDictionary(p => p.Name, p => p.Value) ?? [];
            var after = (@new["properties"] as JObject)?.Properties().ToDictionary(p => p.Name, p => p.Value) ?? [];
            var oldRequired = Names(old["required"]);
            var newRequired = Names(@new["required"]);
            var request = direction == DataDirection.Request;
            foreach (var name in before.Keys.Where(name => !after.ContainsKey(name)))
            {
                Data(operation, "property-removed", $"removed {{dir}} property {subject}.{name}", true,
                    request ? "the server no longer takes it, and code that sets it breaks after `update`"
                            : "the server no longer sends it: code that reads it gets nothing, and breaks after `update`",
                    direction);
            }

            foreach (var name in after.Keys.Where(name => !before.ContainsKey(name)))
            {
                var required = newRequired.Contains(name);
                Data(operation, "property-added", $"added {(required ? "required" : "optional")} {{dir}} property {subject}.{name}", request && required,
                    request ? (required ? "existing calls do not send it and will be rejected" : "the client can keep omitting it")
                            : "the client ignores fields it does not know; `update` adds it to the model",
                    direction);
            }

            foreach (var name in before.Keys.Where(after.ContainsKey))
            {
                CompareRequired(operation, $"{{dir}} property {subject}.{name}", oldRequired.Contains(name), newRequired.Contains(name), direction);
                CompareSchema(operation, $"{subject}.{name}", $"{{dir}} property {subject}.{name}", before[name], after[name], direction);
            }
        }

        private void CompareEnum(string operation, string property, JArray? old, JArray? @new, DataDirection direction)
        {
            if (old is null && @new is null)
            {
                return;
            }

            if (old is null || @new is null)
            {
                Data(operation, "enum-changed", $"{(old is null ? "restricted" : "unrestricted")} the values of {property} ({(old is null ? "now an enum" : "no longer an enum")})", true,
                    "the generated type changes between a string and an enum", direction);
                return;
            }

            var before = old.Select(value => value.ToString()).ToList();
            var after = @new.Select(value => value.ToString()).ToList();
            var added = after.Except(before, StringComparer.Ordinal).ToList();
            var removed = before.Except(after, StringComparer.Ordinal).ToList();
            var request = direction == DataDirection.Request;
            if (added.Count > 0)
            {
                Data(operation, "enum-values-added", $"added {Quote(added)} to the values of {property}", !request,
                    request ? "the client may keep sending the values it knows" : "the client's closed enum cannot read the new values",
                    direction);
            }

            if (removed.Count > 0)
            {
                Data(operation, "enum-values-removed", $"removed {Quote(removed)} from the values of {property}", request ? DriftImpact.Breaking : DriftImpact.CodeChange,
                    request ? "the client may send a value the server now rejects"
                            : "the client just no longer receives them, but `update` removes their enum members: code that names them stops compiling",
                    direction);
            }
        }

        private void CompareNullable(string operation, string property, bool old, bool @new, bool valueType, DataDirection direction)
        {
            if (old == @new)
            {
                return;
            }

            var request = direction == DataDirection.Request;
            var impact = request ? Impact(!@new) : @new ? DriftImpact.Breaking : valueType ? DriftImpact.CodeChange : DriftImpact.NonBreaking;
            Data(operation, "nullable-changed", $"made {property} {(@new ? "nullable" : "non-nullable")}", impact,
                (request, @new) switch
                {
                    (true, false) => "the client may send null, which the server now rejects",
                    (true, true) => "the client may keep sending values",
                    (false, true) => "the client may now receive null where it expects a value",
                    _ when valueType => "the client just no longer receives null, but `update` turns the generated `double?` or `bool?` into `double` or `bool`: code that checks it for null stops compiling",
                    _ => "the client just no longer receives null",
                },
                direction);
        }

        // Numbers and booleans become C# value types, whose nullability is part of the generated signature.
        private static bool IsValueType(JObject document, JToken schema) =>
            OpenApi.Resolve(document, schema)?["type"]?.ToString() is "number" or "integer" or "boolean";

        private void Data(string operation, string kind, string summary, bool breaking, string reason, DataDirection direction) =>
            Data(operation, kind, summary, Impact(breaking), reason, direction);

        private void Data(string operation, string kind, string summary, DriftImpact impact, string reason, DataDirection direction) =>
            _findings.Add((operation, kind, summary, impact, reason, direction, summary));

        // A schema written as { allOf: [ one ], description, example... } (how OpenAPI 3.0 decorates a $ref) is that one schema.
        private static JToken? Unwrap(JToken? schema)
        {
            while (schema is JObject obj && obj["type"] is null && obj["properties"] is null && obj["allOf"] is JArray { Count: 1 } allOf)
            {
                schema = allOf[0];
            }

            return schema;
        }

        private static bool IsNullable(JToken? schema)
        {
            while (schema is JObject obj)
            {
                if (IsTrue(obj["nullable"]))
                {
                    return true;
                }

                schema = obj["type"] is null && obj["properties"] is null && obj["allOf"] is JArray { Count: 1 } allOf ? allOf[0] : null;
            }

            return false;
        }

        private static string TypeName(JToken schema)
        {
            if (OpenApi.RefName(schema) is { } name)
            {
                return name;
            }

            var type = schema["type"]?.ToString() ?? "any";
            return schema["format"]?.ToString() is { } format ? $"{type} ({format})" : type;
        }

        private static HashSet<string> Names(JToken? list) =>
            (list as JArray)?.Select(item => item.ToString()).ToHashSet(StringComparer.Ordinal) ?? [];

        private static bool IsTrue(JToken? token) => token?.Type == JTokenType.Boolean && token.Value<bool>();

        private static string Quote(IEnumerable<string> values) => string.Join(", ", values.Select(value => $"'{value}'"));
    }
}
