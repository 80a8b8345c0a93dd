using Newtonsoft.Json.Linq;

namespace Elemente.SpecTool;

/// <content>Operations: authentication, parameters, request bodies, responses and their media types.</content>
public static partial class DriftDetector
{
    private sealed partial class Comparison
    {
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
    }
}
