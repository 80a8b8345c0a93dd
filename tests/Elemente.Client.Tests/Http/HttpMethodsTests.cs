using Elemente.Http;

namespace Elemente.Tests;

public class HttpMethodsTests
{
    [Theory]
    [InlineData("GET", true)]
    [InlineData("HEAD", true)]
    [InlineData("OPTIONS", true)]
    [InlineData("PUT", true)]
    [InlineData("DELETE", true)]
    [InlineData("TRACE", true)]
    [InlineData("POST", false)]
    [InlineData("PATCH", false)]
    [InlineData("CONNECT", false)]
    public void IsIdempotent_Method_FollowsRfc9110(string method, bool expected)
    {
        Assert.Equal(expected, HttpMethods.IsIdempotent(new HttpMethod(method)));
    }

    [Fact]
    public void Fields_EachMethod_IsTheOneItIsNamedFor()
    {
        Assert.Equal(
            new[] { "GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "TRACE", "PATCH" },
            new[] { HttpMethods.Get, HttpMethods.Post, HttpMethods.Put, HttpMethods.Delete, HttpMethods.Head, HttpMethods.Options, HttpMethods.Trace, HttpMethods.Patch }.Select(m => m.Method));
    }
}
