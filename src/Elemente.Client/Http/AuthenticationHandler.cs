using System.Net.Http.Headers;
using System.Text;

namespace Elemente.Http;

/// <summary>Adds HTTP Basic authentication and the User-Agent to every request, and refuses to send credentials over plain http to a remote host.</summary>
internal sealed class AuthenticationHandler : DelegatingHandler
{
    private readonly AuthenticationHeaderValue _authorization;
    private readonly string _userAgent;

    public AuthenticationHandler(string username, string password, string userAgent)
    {
        _authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(username + ":" + password)));
        _userAgent = userAgent;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri;
        if (uri is null || !(uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback)))
        {
            throw new InvalidOperationException(
                $"Refusing to send Elemente credentials to {uri?.GetLeftPart(UriPartial.Authority) ?? "(no address)"}: only https (or http to a loopback address) is allowed.");
        }

        // Nothing leaves the process once the caller has given up, whatever the transport does with the token.
        cancellationToken.ThrowIfCancellationRequested();
        request.Headers.Authorization = _authorization;
        // Set per request, so it survives a caller's HttpClient and its default headers.
        request.Headers.Remove("User-Agent");
        request.Headers.TryAddWithoutValidation("User-Agent", _userAgent);
        return base.SendAsync(request, cancellationToken);
    }

    public override string ToString() => nameof(AuthenticationHandler) + " (Basic, credentials hidden)";
}
