using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Consumer.App;

/// <summary>One request as the fake API received it.</summary>
internal sealed record ReceivedRequest(string Method, string Path, string Query, string? Authorization, string? ContentType, string Body);

/// <summary>
/// A fake Elemente API on a real loopback socket (127.0.0.1, a free port): records each request and answers with the
/// next scripted response, or 500 once the script is used up.
/// </summary>
internal sealed class FakeElemente : IDisposable
{
    private readonly HttpListener _listener;
    private readonly Queue<(int Status, string Body)> _answers;
    private readonly List<ReceivedRequest> _requests = new();
    private readonly Task _serving;

    private FakeElemente(HttpListener listener, int port, IEnumerable<(int Status, string Body)> answers)
    {
        _listener = listener;
        _answers = new Queue<(int Status, string Body)>(answers);
        BaseUri = new Uri($"http://127.0.0.1:{port}");
        _serving = Task.Run(ServeAsync);
    }

    public Uri BaseUri { get; }

    public IReadOnlyList<ReceivedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    public static FakeElemente Start(params (int Status, string Body)[] answers)
    {
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var listener = new HttpListener();
            listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            try
            {
                listener.Start();
                return new FakeElemente(listener, port, answers);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // Another process took the port between probing and binding: try another.
                listener.Close();
            }
        }
    }

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by its GetContextAsync failing once the listener is closed.
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            var request = context.Request;
            lock (_requests)
            {
                _requests.Add(new ReceivedRequest(request.HttpMethod, request.Url!.AbsolutePath, request.Url.Query, request.Headers["Authorization"], request.ContentType, body));
            }

            (int Status, string Body) answer;
            lock (_answers)
            {
                answer = _answers.Count > 0 ? _answers.Dequeue() : (500, "{\"statusCode\":500,\"message\":\"the fake got more requests than scripted\"}");
            }

            var bytes = Encoding.UTF8.GetBytes(answer.Body);
            context.Response.StatusCode = answer.Status;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes);
            context.Response.Close();
        }
    }
}
