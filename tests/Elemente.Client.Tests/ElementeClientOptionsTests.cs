namespace Elemente.Tests;

public class ElementeClientOptionsTests
{
    [Fact]
    public void ValidatedCopy_EverySetting_IsCopiedAndLaterChangesToTheOriginalDoNotReachIt()
    {
        var original = new ElementeClientOptions
        {
            BaseUri = new Uri("https://eu.api.elemente.ai"),
            Username = "user",
            Password = "pass",
            Timeout = TimeSpan.FromSeconds(7),
            MaxRetries = 4,
            RetryDelay = TimeSpan.FromMilliseconds(250),
            MaxRetryDelay = TimeSpan.FromSeconds(9),
            ApplicationId = "acme-crm",
            ValidateRequests = false,
            LogPersonalData = true,
        };

        var copy = original.ValidatedCopy();
        original.BaseUri = new Uri("https://other.example");
        original.Username = "other";
        original.Password = "other";
        original.Timeout = TimeSpan.FromSeconds(1);
        original.MaxRetries = 0;
        original.RetryDelay = TimeSpan.Zero;
        original.MaxRetryDelay = TimeSpan.Zero;
        original.ApplicationId = null;
        original.ValidateRequests = true;
        original.LogPersonalData = false;

        Assert.NotSame(original, copy);
        Assert.Equal(new Uri("https://eu.api.elemente.ai"), copy.BaseUri);
        Assert.Equal("user", copy.Username);
        Assert.Equal("pass", copy.Password);
        Assert.Equal(TimeSpan.FromSeconds(7), copy.Timeout);
        Assert.Equal(4, copy.MaxRetries);
        Assert.Equal(TimeSpan.FromMilliseconds(250), copy.RetryDelay);
        Assert.Equal(TimeSpan.FromSeconds(9), copy.MaxRetryDelay);
        Assert.Equal("acme-crm", copy.ApplicationId);
        Assert.False(copy.ValidateRequests);
        Assert.True(copy.LogPersonalData);
    }

    [Fact]
    public void ValidatedCopy_Invalid_ThrowsNamingTheFirstSetting()
    {
        var options = new ElementeClientOptions { Username = "user", Password = null, MaxRetries = 11 };

        var error = Assert.Throws<ArgumentException>(() => options.ValidatedCopy());

        Assert.Equal("Password", error.ParamName);
        Assert.Contains("MaxRetries must be between 0 and 10.", error.Message);
    }
}
