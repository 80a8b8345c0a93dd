using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using PhoneNumbers;

namespace Elemente.Campaigns.Tests;

/// <summary>
/// Runs a campaign on a fake clock that jumps to each instant the run waits for when nothing is in flight, against an
/// API that records each request's phone number and the clock's time.
/// </summary>
internal static class ClockedRun
{
    /// <summary>Runs <paramref name="options"/> from <paramref name="time"/>'s current instant until the run ends.</summary>
    public static async Task<CampaignResult> RunAsync(FakeTimeProvider time, CampaignOptions options, ClockedApi api)
    {
        var waits = System.Threading.Channels.Channel.CreateUnbounded<DateTimeOffset>();
        var runner = new CampaignRunner(options, api.Client)
        {
            TimeProvider = time,
            OnIdleUntil = until => waits.Writer.TryWrite(until),
        };
        var run = runner.RunAsync().WaitAsync(TimeSpan.FromSeconds(60));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!run.IsCompleted)
        {
            var next = waits.Reader.ReadAsync(timeout.Token).AsTask();
            if (await Task.WhenAny(next, run) == next && next.Result > time.GetUtcNow())
            {
                // In UTC: FakeTimeProvider wakes its timers by the ticks of the value it is set to, not of its UTC instant.
                time.SetUtcNow(next.Result.ToUniversalTime());
            }
        }

        return await run;
    }

    /// <summary>Independently of the runner: each created call arrived inside the window in every zone of its number.</summary>
    public static void AssertInsideWindows(IEnumerable<(string Phone, DateTimeOffset At)> requests, TimeSpan open, TimeSpan close)
    {
        foreach (var (phone, at) in requests)
        {
            foreach (var zone in Zones(phone))
            {
                var local = TimeZoneInfo.ConvertTime(at, zone).TimeOfDay;
                Assert.True(local >= open && local < close, $"{phone} was called at {local} in {zone.Id}");
            }
        }
    }

    /// <summary>The number's zones, as libphonenumber's mapper gives them.</summary>
    public static IEnumerable<TimeZoneInfo> Zones(string e164) =>
        PhoneNumberToTimeZonesMapper.GetInstance().GetTimeZonesForNumber(PhoneNumberUtil.GetInstance().Parse(e164, "ZZ")).Select(TimeZoneInfo.FindSystemTimeZoneById);
}

/// <summary>
/// Records each request's phone number and the fake clock's time; creates every call unless <paramref name="answer"/>
/// gives another status for the request's number (1 for the first).
/// </summary>
internal sealed class ClockedApi(TimeProvider time, Func<int, HttpResponseMessage?>? answer = null) : HttpMessageHandler
{
    private readonly List<(string Phone, DateTimeOffset At, bool Created)> _received = [];

    /// <summary>The calls created: each one's number and when.</summary>
    public List<(string Phone, DateTimeOffset At)> Created
    {
        get
        {
            lock (_received)
            {
                return _received.Where(r => r.Created).Select(r => (r.Phone, r.At)).ToList();
            }
        }
    }

    /// <summary>Every request, created or refused.</summary>
    public int Requests
    {
        get
        {
            lock (_received)
            {
                return _received.Count;
            }
        }
    }

    public ElementeClient Client() => ClientOn(this);

    /// <summary>A client whose requests go to <paramref name="handler"/>, with no retries.</summary>
    public static ElementeClient ClientOn(HttpMessageHandler handler) => new(new HttpClient(handler, disposeHandler: false), new ElementeClientOptions
    {
        BaseUri = new Uri("http://127.0.0.1:9/"),
        Username = "user",
        Password = "password",
        MaxRetries = 0,
    });

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        var phone = System.Text.RegularExpressions.Regex.Match(body, @"\+[0-9]{8,15}").Value;
        lock (_received)
        {
            var scripted = answer?.Invoke(_received.Count + 1);
            _received.Add((phone, time.GetUtcNow(), scripted is null));
            return scripted ?? new HttpResponseMessage(HttpStatusCode.Created) { Content = new StringContent($"{{\"id\":\"call-{_received.Count}\"}}", Encoding.UTF8, "application/json") };
        }
    }
}
