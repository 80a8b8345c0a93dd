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
            TimeProvider = TimeProvider.System,
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
        original.TimeProvider = null;

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
        Assert.Same(TimeProvider.System, copy.TimeProvider);
    }

    [Fact]
    public void ValidatedCopy_Invalid_ThrowsNamingTheFirstSetting()
    {
        var options = new ElementeClientOptions { Username = "user", Password = null, MaxRetries = 11 };

        var error = Assert.Throws<ArgumentException>(() => options.ValidatedCopy());

        Assert.Equal("Password", error.ParamName);
        Assert.Contains("MaxRetries must be between 0 and 10.", error.Message);
    }

    [Fact]
    public void ToString_CredentialsSaySetOrNotSet_ApplicationIdShown()
    {
        var options = new ElementeClientOptions { Username = "acme-user", Password = null, ApplicationId = "acme-crm" };

        Assert.Equal(
            "ElementeClientOptions { BaseUri = https://api.elemente.ai/, Username = (set), Password = (not set), " +
            "Timeout = 00:00:30, MaxRetries = 2, ApplicationId = acme-crm }",
            options.ToString());
    }

    [Fact]
    public void ToString_NothingSet_SaysNotSet()
    {
        var options = new ElementeClientOptions { Password = "s3cr3t-P@ss" };

        Assert.Equal(
            "ElementeClientOptions { BaseUri = https://api.elemente.ai/, Username = (not set), Password = (set), " +
            "Timeout = 00:00:30, MaxRetries = 2, ApplicationId = (not set) }",
            options.ToString());
    }

    [Fact]
    public void Validate_UsernameStartingWithColon_IsRefused()
    {
        var options = TestClients.Options();
        options.Username = ":acme";

        Assert.Equal(new[] { "Username must not contain ':' (HTTP Basic authentication cannot carry it)." }, options.Validate());
    }

    [Theory]
    [InlineData(0, false)]
    [InlineData(-2, false)]
    [InlineData(1, true)]
    [InlineData(-1, true)] // Timeout.InfiniteTimeSpan
    public void Validate_Timeout_MustBePositiveOrInfinite(int milliseconds, bool allowed)
    {
        var options = TestClients.Options();
        options.Timeout = TimeSpan.FromMilliseconds(milliseconds);

        var expected = allowed ? Array.Empty<string>() : new[] { "Timeout must be positive (or Timeout.InfiniteTimeSpan)." };
        Assert.Equal(expected, options.Validate());
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(11, false)]
    [InlineData(-1, false)]
    public void Validate_MaxRetries_ZeroToTen(int maxRetries, bool allowed)
    {
        var options = TestClients.Options();
        options.MaxRetries = maxRetries;

        var expected = allowed ? Array.Empty<string>() : new[] { "MaxRetries must be between 0 and 10." };
        Assert.Equal(expected, options.Validate());
    }

    [Theory]
    [InlineData(0, 0, true)]
    [InlineData(2000, 2000, true)]
    [InlineData(2001, 2000, false)]
    [InlineData(-1, 2000, false)]
    [InlineData(0, -1, false)]
    public void Validate_RetryDelays_NotNegativeAndFirstNotAboveMax(int retryMilliseconds, int maxMilliseconds, bool allowed)
    {
        var options = TestClients.Options();
        options.RetryDelay = TimeSpan.FromMilliseconds(retryMilliseconds);
        options.MaxRetryDelay = TimeSpan.FromMilliseconds(maxMilliseconds);

        var expected = allowed
            ? Array.Empty<string>()
            : new[] { "RetryDelay and MaxRetryDelay must not be negative, and RetryDelay must not exceed MaxRetryDelay." };
        Assert.Equal(expected, options.Validate());
    }

    [Theory]
    [InlineData(24, true)]
    [InlineData(25, false)]
    public void Validate_ApplicationId_AtMost24Characters(int length, bool allowed)
    {
        var options = TestClients.Options();
        options.ApplicationId = new string('a', length);

        Assert.Equal(allowed, options.Validate().Count == 0);
    }

    [Fact]
    public void ValidatedCopy_SeveralProblems_MessageListsThemAllSeparatedBySpaces()
    {
        var options = new ElementeClientOptions { MaxRetries = 11 };

        var error = Assert.Throws<ArgumentException>(() => options.ValidatedCopy());

        Assert.StartsWith(
            "Username is not set: the Elemente API needs a username and password. " +
            "Password is not set: the Elemente API needs a username and password. " +
            "MaxRetries must be between 0 and 10.",
            error.Message);
        Assert.Equal("Username", error.ParamName);
    }
}
