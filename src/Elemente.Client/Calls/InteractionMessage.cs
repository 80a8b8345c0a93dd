// PATCH: messages items are objects, not strings — the docs example response shows objects. Strings are still read, as the spec says them. Remove when upstream types them.
using Elemente.Serialization;
using Newtonsoft.Json;

namespace Elemente;

[JsonConverter(typeof(InteractionMessageConverter))]
public partial class InteractionMessage
{
}
