using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <content>Schemas: required, types and formats, properties, enums and nullability, by the direction of the data.</content>
public static partial class DriftDetector
{
    private sealed partial class Comparison
    {
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
    }
}
