using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Elemente.Campaigns.Tests;

/// <summary>The package README's worker service, compiled (<see cref="ReadmeTests"/> checks the README shows exactly this).</summary>
public static class WorkerServiceExample
{
    public static async Task<CampaignResult> RunOnce(CancellationToken cancellationToken)
    {
        #region campaign-run
        using var client = new ElementeClient(new ElementeClientOptions { Username = "...", Password = "...", MaxRetries = 0 });
        var runner = new CampaignRunner(new CampaignOptions
        {
            CsvPath = "contacts.csv",                  // Phone,First name,Order
            AgentId = "...", SkillId = "...", Channel = InteractionChannel.Call,
            Map = "phoneNumber=Phone,firstName=First name,field:Order ID=Order",
            Region = "US",                             // read (215) 555-0100 as +12155550100
            Concurrency = 8,
        }, client);
        CampaignResult result = await runner.RunAsync(cancellationToken);   // cancelling stops it cleanly
        Console.WriteLine($"{result.Outcome}: {result.Counters.Created} created, {result.Unresolved.Count} to check");
        #endregion
        return result;
    }

    #region worker-host
    public static IHost BuildHost(string[] args)        // Program.cs: await BuildHost(args).RunAsync();
    {
        var builder = Host.CreateApplicationBuilder(args);
        var elemente = builder.Configuration.GetSection("Elemente");   // appsettings.json, the environment, the command line
        builder.Services.AddSingleton(_ => new ElementeClient(new ElementeClientOptions
        {
            BaseUri = new Uri(elemente["BaseUri"] ?? "https://api.elemente.ai"),
            Username = elemente["Username"], Password = elemente["Password"],
            MaxRetries = 0,                                  // the campaign paces 429 answers itself
        }));
        builder.Services.AddSingleton(new CampaignOptions
        {
            CsvPath = elemente["Csv"]!,                      // a header line, then one contact a row
            JournalPath = elemente["Journal"],               // keep it across restarts: the next start goes on from it
            AgentId = elemente["AgentId"]!, SkillId = elemente["SkillId"]!, Channel = InteractionChannel.Call,
            Map = "phoneNumber=Phone,firstName=First name", Region = "US", Concurrency = 8,
        });
        builder.Services.AddHostedService<CampaignWorker>();
        return builder.Build();
    }
    #endregion
}

#region worker-service
public sealed class CampaignWorker(ElementeClient client, CampaignOptions options, ILogger<CampaignWorker> log) : BackgroundService
{
    public CampaignResult? Result { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host stopping (a deploy, a restart) stops the campaign: no new call starts, the ones in flight finish and
        // are recorded. The next start reads the journal and sends only the rows not sent yet: nobody is called twice.
        Result = await new CampaignRunner(options, client).RunAsync(stoppingToken);
        log.LogInformation("Campaign run {Run}: {Outcome}; {Created} created now, {Before} before, {Unknown} to check",
            Result.Run, Result.Outcome, Result.Counters.Created, Result.Counters.AlreadyCreated, Result.Unresolved.Count);
    }
}
#endregion
