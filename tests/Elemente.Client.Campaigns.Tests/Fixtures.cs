using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Elemente.Campaigns.Tests;

/// <summary>A temporary folder, removed at the end.</summary>
internal sealed class TempDir : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("elemente-campaigns-").FullName;

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>A CSV of <paramref name="rows"/> contacts with distinct US phone numbers in national format.</summary>
    public string Contacts(int rows, string name = "contacts.csv")
    {
        var text = new StringBuilder("Phone,First name\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(CultureInfo.InvariantCulture, $"(215) 555-{i:0000},Customer {i}\n");
        }

        var path = File(name);
        System.IO.File.WriteAllText(path, text.ToString());
        return path;
    }

    public CampaignOptions Options(string csv, int concurrency = 4) => new()
    {
        CsvPath = csv,
        AgentId = "agent-1",
        SkillId = "skill-1",
        Channel = InteractionChannel.Call,
        Map = "phoneNumber=Phone,firstName=First name",
        Region = "US",
        JournalPath = File("journal.jsonl"),
        Concurrency = concurrency,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

/// <summary>The events of a journal file, as the tests read them (independently of the library's reader).</summary>
internal static class JournalLines
{
    public static List<JsonElement> Events(string path) =>
        System.IO.File.ReadAllLines(path).Skip(1).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}

/// <summary>Answers every request with one response, and counts them.</summary>
internal sealed class FixedAnswer(HttpStatusCode status, string body) : HttpMessageHandler
{
    private int _requests;

    public int Requests => Volatile.Read(ref _requests);

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requests);
        return Task.FromResult(new HttpResponseMessage(status) { Content = new StringContent(body, Encoding.UTF8, "application/json") });
    }

    public ElementeClient Client() => new(new HttpClient(this), new ElementeClientOptions
    {
        BaseUri = new Uri("http://127.0.0.1:9/"),
        Username = "user",
        Password = "password",
        MaxRetries = 0,
    });
}
