using Newtonsoft.Json;

namespace Elemente.Tests;

public class InteractionMessageTests
{
    [Fact]
    public void Json_Write_WritesItsProperties()
    {
        var json = JsonConvert.SerializeObject(new InteractionMessage { Sid = "SM1", Content = "Hi" });

        Assert.Contains("\"sid\":\"SM1\"", json);
        Assert.Contains("\"content\":\"Hi\"", json);
    }

    [Fact]
    public void Json_ReadIntoAMessageThatIsThere_FillsThatMessage()
    {
        // A get-only property: Json.NET can only fill the message it holds.
        var holder = JsonConvert.DeserializeObject<Holder>("""{"message":{"sid":"SM1","content":"Hi"}}""")!;

        Assert.Equal("SM1", holder.Message.Sid);
        Assert.Equal("Hi", holder.Message.Content);
    }

    private sealed class Holder
    {
        public InteractionMessage Message { get; } = new();
    }
}
