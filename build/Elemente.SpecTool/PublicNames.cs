using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <summary>
/// Gives every public name that comes from the spec, in the effective spec NSwag reads: operations
/// (<see cref="OperationNames"/>), component schemas (their key is the type's name) and inline schemas, which are moved
/// into components under a name scoped by their owner. Each name is the pinned one (openapi/names.yaml) when there is
/// one, else the convention's:
/// <list type="bullet">
/// <item><description>A component schema keeps its key.</description></item>
/// <item><description>An inline enum or object is named after its owner: an operation's parameter
/// <c>{Method}{Client}{Parameter}</c> (<c>ListCallsChannel</c>), its request body <c>{Method}{Client}Body</c>, its
/// response <c>{Method}{Client}Response</c>, a schema's property <c>{Type}{Property}</c>; the items of an inline array
/// add <c>Item</c>. Never a bare noun, never a number suffix.</description></item>
/// <item><description>An inline enum whose values are those of a named enum (the five channels) is that enum.</description></item>
/// </list>
/// </summary>
public static class PublicNames
{
    private const string SchemasPrefix = "#/components/schemas/";

    /// <summary>Names the operations and schemas of <paramref name="document"/> in place (after the overlay applied).</summary>
    /// <returns>The names as applied (what <c>update</c> records) and as the convention gives them.</returns>
    /// <exception cref="SpecToolException">Two operations or two schemas end up with one name.</exception>
    public static PublicNaming Apply(JObject document, IReadOnlyDictionary<string, string?> upstreamIds, NamesFile pinned)
    {
        var operations = OperationNames.Apply(document, upstreamIds, pinned);
        var used = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var convention = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var schemas = document["components"]?["schemas"] as JObject ?? new JObject();

        // Component schemas: pinned names first (a rename rewrites every reference), so that owners' names are final.
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in schemas.Properties().Select(property => property.Name).ToList())
        {
            var pointer = NamesFile.ComponentPointer(key);
            var name = pinned.Schemas.GetValueOrDefault(pointer) ?? key;
            used[pointer] = name;
            convention[pointer] = key;
            origins[name] = pointer;
            if (name != key)
            {
                Rename(document, schemas, key, name, pointer);
            }
        }

        var hoisting = new Hoisting(schemas, pinned, used, convention);
        foreach (var (key, operation) in OpenApi.Operations(document))
        {
            var owner = operations.Used[key].Method + operations.Used[key].Client;
            var ownerByConvention = operations.Convention[key].Method + operations.Convention[key].Client;
            var pointer = $"#/paths/{NamesFile.Escape(operation.Path)}/{operation.Method.ToLowerInvariant()}";
            foreach (var parameter in ((operation.Operation["parameters"] as JArray) ?? []).OfType<JObject>())
            {
                var suffix = OperationNames.PascalCase(parameter["name"]?.ToString() ?? "Parameter");
                hoisting.Hoist(parameter, "schema", $"{pointer}/parameters/{NamesFile.Escape(parameter["name"]?.ToString() ?? "")}/schema", owner + suffix, ownerByConvention + suffix, property: false);
            }

            foreach (var (mediaType, content) in Contents(operation.Operation["requestBody"]))
            {
                hoisting.Hoist(content, "schema", $"{pointer}/requestBody/content/{NamesFile.Escape(mediaType)}/schema", owner + "Body", ownerByConvention + "Body", property: false);
            }

            var first = true;
            foreach (var response in (operation.Operation["responses"] as JObject)?.Properties() ?? [])
            {
                var suffix = first && response.Name.StartsWith('2') ? "Response" : "Response" + OperationNames.PascalCase(response.Name);
                first &= !response.Name.StartsWith('2');
                foreach (var (mediaType, content) in Contents(response.Value))
                {
                    hoisting.Hoist(content, "schema", $"{pointer}/responses/{NamesFile.Escape(response.Name)}/content/{NamesFile.Escape(mediaType)}/schema", owner + suffix, ownerByConvention + suffix, property: false);
                }
            }
        }

        // Properties of every component, including the ones just hoisted (whose own properties are then scoped by them).
        for (var index = 0; index < schemas.Count; index++)
        {
            var component = (JProperty)schemas.Properties().ElementAt(index);
            var pointer = origins.GetValueOrDefault(component.Name) ?? hoisting.Origin(component.Name) ?? NamesFile.ComponentPointer(component.Name);
            var conventionOwner = convention.GetValueOrDefault(pointer) ?? component.Name;
            hoisting.HoistProperties(component.Value, pointer, component.Name, conventionOwner);
        }

        if (schemas.Count > 0 && schemas.Parent is null)
        {
            var components = document["components"] as JObject ?? (JObject)(document["components"] = new JObject());
            components["schemas"] = schemas;
        }

        return new PublicNaming(new NamesFile(operations.Used, used), new NamesFile(operations.Convention, convention));
    }

    private static IEnumerable<(string MediaType, JObject Content)> Contents(JToken? owner) =>
        ((owner as JObject)?["content"] as JObject)?.Properties().Where(property => property.Value is JObject).Select(property => (property.Name, (JObject)property.Value)) ?? [];

    private static void Rename(JObject document, JObject schemas, string key, string name, string pointer)
    {
        if (schemas[name] is not null)
        {
            throw new SpecToolException(
                $"{NamesFile.RelativePath} names schema {pointer} {name}, which is already another schema's name; choose another name for it");
        }

        var property = schemas.Property(key)!;
        property.Replace(new JProperty(name, property.Value));
        var from = SchemasPrefix + NamesFile.Escape(key);
        var to = SchemasPrefix + NamesFile.Escape(name);
        foreach (var reference in document.Descendants().OfType<JProperty>().Where(p => p.Name == "$ref" && p.Value.Type == JTokenType.String && p.Value.ToString() == from).ToList())
        {
            reference.Value = to;
        }
    }

    private sealed class Hoisting(JObject schemas, NamesFile pinned, IDictionary<string, string> used, IDictionary<string, string> convention)
    {
        private readonly Dictionary<string, string> _origins = new(StringComparer.Ordinal);

        public string? Origin(string name) => _origins.GetValueOrDefault(name);

        public void HoistProperties(JToken schema, string pointer, string owner, string conventionOwner)
        {
            foreach (var property in ((schema as JObject)?["properties"] as JObject)?.Properties().ToList() ?? [])
            {
                var suffix = OperationNames.PascalCase(property.Name);
                if (property.Value is JObject)
                {
                    Hoist((JObject)schema["properties"]!, property.Name, $"{pointer}/properties/{NamesFile.Escape(property.Name)}", owner + suffix, conventionOwner + suffix, property: true);
                }
            }
        }

        // Moves parent[field], an inline enum or object (or an array of them), into components under its scoped name.
        public void Hoist(JObject parent, string field, string pointer, string name, string conventionName, bool property)
        {
            if (parent[field] is not JObject schema || schema["$ref"] is not null)
            {
                return;
            }

            if (schema["type"]?.ToString() == "array")
            {
                Hoist(schema, "items", pointer + "/items", name + "Item", conventionName + "Item", property: false);
                return;
            }

            var isEnum = schema["enum"] is JArray { Count: > 0 };
            var isObject = schema["properties"] is JObject { Count: > 0 };
            if (!isEnum && !isObject)
            {
                return;
            }

            if (isEnum && NamedEnumLike(schema) is { } existing)
            {
                parent[field] = Reference(schema, existing, property);
                return;
            }

            var chosen = pinned.Schemas.GetValueOrDefault(pointer) ?? name;
            if (schemas[chosen] is not null)
            {
                throw new SpecToolException(
                    $"The inline schema {pointer} would be named {chosen}, which is already another schema's name; give it another name in {NamesFile.RelativePath}");
            }

            used[pointer] = chosen;
            convention[pointer] = conventionName;
            _origins[chosen] = pointer;
            var moved = (JObject)schema.DeepClone();
            if (property)
            {
                // The property's own description stays on the property; the type keeps it too, for its XML docs.
                moved.Remove("nullable");
            }

            schemas[chosen] = moved;
            parent[field] = Reference(schema, chosen, property);
        }

        private string? NamedEnumLike(JObject schema)
        {
            var values = Values(schema);
            return schemas.Properties()
                .Where(component => component.Value is JObject candidate && candidate["enum"] is JArray && candidate["type"]?.ToString() == schema["type"]?.ToString())
                .FirstOrDefault(component => Values((JObject)component.Value).SetEquals(values))?.Name;
        }

        private static HashSet<string> Values(JObject schema) =>
            new(((JArray)schema["enum"]!).Where(value => value.Type != JTokenType.Null).Select(value => value.ToString(Newtonsoft.Json.Formatting.None)), StringComparer.Ordinal);

        // A parameter or body schema becomes a plain $ref; a property keeps its description and nullability beside an allOf.
        private static JObject Reference(JObject inline, string name, bool property)
        {
            var reference = new JObject { ["$ref"] = SchemasPrefix + NamesFile.Escape(name) };
            if (!property)
            {
                return reference;
            }

            var wrapper = new JObject();
            foreach (var field in new[] { "description", "nullable", "example", "readOnly", "writeOnly", "deprecated" })
            {
                if (inline[field] is { } value)
                {
                    wrapper[field] = value.DeepClone();
                }
            }

            wrapper["allOf"] = new JArray(reference);
            return wrapper;
        }
    }
}

/// <summary>The public names of an effective spec: as applied, and as the convention gives them.</summary>
/// <param name="Used">Every name as applied: the pinned ones, and the convention's for what has no entry yet.</param>
/// <param name="Convention">Every name as the convention (with the overlay) gives it.</param>
public sealed record PublicNaming(NamesFile Used, NamesFile Convention);
