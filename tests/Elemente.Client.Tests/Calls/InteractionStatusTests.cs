using Newtonsoft.Json;

namespace Elemente.Tests;

public class InteractionStatusTests
{
    [Fact]
    public void KnownValues_AreTheNineteenUpstreamValues()
    {
        Assert.Equal(
            new[] { "failed", "voicemail", "ringing", "answer", "completed", "busy", "open", "close", "closed", "resolved", "no-answer", "canceled", "in-progress", "ongoing", "pending", "stalled", "expired", "processing", "queued" },
            InteractionStatus.KnownValues.Select(s => s.ToString()));
    }

    [Fact]
    public void Equality_IgnoresCaseButToStringKeepsRaw()
    {
        InteractionStatus status = "Completed";

        Assert.True(status == InteractionStatus.Completed);
        Assert.Equal("Completed", status.ToString());
        Assert.Equal(InteractionStatus.Completed.GetHashCode(), status.GetHashCode());
        Assert.NotEqual(InteractionStatus.Closed, status);
    }

    [Fact]
    public void Json_UnknownValue_RoundTripsUnchanged()
    {
        var status = JsonConvert.DeserializeObject<InteractionStatus>("\"transferred\"");

        Assert.False(status.IsKnown);
        Assert.Equal("\"transferred\"", JsonConvert.SerializeObject(status));
    }

    [Fact]
    public void Default_PrintsAsEmptyAndCanBeHashed()
    {
        var seen = new HashSet<InteractionStatus> { default, InteractionStatus.Completed };

        Assert.Equal(string.Empty, default(InteractionStatus).ToString());
        Assert.Contains(default, seen);
        Assert.DoesNotContain(new InteractionStatus(string.Empty), seen);
    }

    [Fact]
    public void GetHashCode_DifferentValues_HashApart()
    {
        // Not a rule of hashing, but statuses that all hash alike would turn a set or dictionary of them into a list.
        Assert.NotEqual(InteractionStatus.Completed.GetHashCode(), InteractionStatus.Failed.GetHashCode());
    }

    [Fact]
    public void Json_Null_IsNoStatus_OrNullForANullable()
    {
        Assert.Equal(default, JsonConvert.DeserializeObject<InteractionStatus>("null"));
        Assert.Null(JsonConvert.DeserializeObject<InteractionStatus?>("null"));
    }
}
