using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>
/// Compares two OpenAPI 3.0 documents semantically: operations, parameters, request and response bodies and the
/// schemas they reach (types, formats, enums, required and nullable), and classifies each change as breaking or
/// not for a user of this client.
/// </summary>
public static partial class DriftDetector
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
        "Public names: a rename by an edit of openapi/names.yaml or by an overlay action (`x-elemente-name`, `operationId`) since the commit is breaking: code that names the old member or type stops compiling, and CHANGELOG.md lists it with what callers change. A docs change renames nothing: the names are pinned.",
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

    private sealed partial class Comparison(JObject committed, JObject upstream)
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
