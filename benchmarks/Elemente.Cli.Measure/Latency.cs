using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using Elemente;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json;

/// <summary>
/// The sending rate against a server that answers every create after a fixed latency (30 ms by default), with nothing
/// else on the request's path: Kestrel on 127.0.0.1 answers 201 with a canned interaction, so the rate is bounded by the
/// latency and the tool, not by a server's CPU. The ideal is concurrency / latency (16 / 0.030 s = 533 rows/s).
/// </summary>
internal static class Latency
{
    public static async Task<int> MeasureAsync(string[] args)
    {
        var latency = TimeSpan.FromMilliseconds(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 30);
        var rows = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3000;
        var concurrency = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 16;
        var runs = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 3;
        var cli = Path.GetFullPath(typeof(Latency).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ElementeCliDll").Value!);
        var created = 0;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        // The answer is serialized once, around a placeholder for its id: the server spends no CPU of its own per request
        // beyond Kestrel's, so that on a small machine it takes as little as possible from the tool it measures.
        var canned = JsonConvert.SerializeObject(ElementeModelFactory.Interaction("call-ID", InteractionStatus.Queued)).Split("call-ID");
        app.MapPost("/api/v1/calls", async (HttpContext context) =>
        {
            await Task.Delay(latency, context.RequestAborted);
            var id = "call-" + Interlocked.Increment(ref created).ToString(CultureInfo.InvariantCulture);
            context.Response.StatusCode = 201;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(canned[0] + id + canned[1], context.RequestAborted);
        });
        await app.StartAsync();
        var url = app.Urls.First();
        var dir = Directory.CreateTempSubdirectory("elemente-latency-").FullName;
        async Task<double> RunAsync(int count, string name)
        {
            var csv = Path.Combine(dir, $"contacts-{name}.csv");
            await File.WriteAllLinesAsync(csv, new[] { "Phone" }.Concat(Enumerable.Range(0, count).Select(i => string.Create(CultureInfo.InvariantCulture, $"+1215{5000000 + i:0000000}"))));
            var before = Volatile.Read(ref created);
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { cli, "campaign", "run", csv, "--agent", "a", "--skill", "s", "--channel", "call", "--concurrency", concurrency.ToString(CultureInfo.InvariantCulture), "--base-url", url, "--output", "json" })
            {
                start.ArgumentList.Add(arg);
            }

            start.Environment["ELEMENTE_USERNAME"] = "measure";
            start.Environment["ELEMENTE_PASSWORD"] = "measure";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync();
            if (process.ExitCode != 0 || Volatile.Read(ref created) - before != count)
            {
                throw new InvalidOperationException($"elemente exited {process.ExitCode}, {Volatile.Read(ref created) - before} of {count} created: {await error}");
            }

            return JsonDocument.Parse(await output).RootElement.GetProperty("rowsPerSecond").GetDouble();
        }

        try
        {
            var ideal = concurrency / latency.TotalSeconds;
            Console.WriteLine("| measurement | rows | rows/s | share of the ideal |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            // One run first, not reported: it warms the server up (its code is compiled as it is first used), so that the
            // runs measured meet a server that answers in the latency, as the ideal assumes.
            await RunAsync(Math.Min(rows, 500), "warm-up");
            for (var run = 0; run < runs; run++)
            {
                var rate = await RunAsync(rows, (run + 1).ToString(CultureInfo.InvariantCulture));
                Console.WriteLine($"| campaign at concurrency {concurrency}, server answering in {latency.TotalMilliseconds:0} ms, run {run + 1} | {rows:N0} | {rate:0} | {rate / ideal:P1} |");
            }

            // What the same server allows without the tool, in this process: the bound of the request's own path (the
            // server's timer, Kestrel, loopback) with a bare HttpClient, then with the client library (no journal).
            var body = JsonConvert.SerializeObject(new CreateInteractionInput { AgentId = "a", SkillId = "s", Channel = InteractionChannel.Call, CustomerPhone = "+12155550100", CustomerOverride = new CustomerOverrideInput() });
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            using var client = new ElementeClient(http, new ElementeClientOptions { BaseUri = new Uri(url), Username = "measure", Password = "measure" });
            var bare = new (string Name, Func<int, Task> Send)[]
            {
                ("HttpClient alone", async i =>
                {
                    using var content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
                    using var response = await http.PostAsync("/api/v1/calls", content);
                    await response.Content.ReadAsByteArrayAsync();
                    response.EnsureSuccessStatusCode();
                }),
                ("the client library alone (Calls.CreateAsync, no journal)", async i => await client.Calls.CreateAsync(new CreateInteractionInput
                {
                    AgentId = "a", SkillId = "s", Channel = InteractionChannel.Call, CustomerOverride = new CustomerOverrideInput(),
                    CustomerPhone = string.Create(CultureInfo.InvariantCulture, $"+1215{6000000 + i:0000000}"),
                })),
            };
            foreach (var (name, send) in bare)
            {
                await SendInProcessAsync(Math.Min(rows, 500), concurrency, send);
                for (var run = 0; run < runs; run++)
                {
                    var rate = await SendInProcessAsync(rows, concurrency, send);
                    Console.WriteLine($"| {name} at concurrency {concurrency}, the same server, run {run + 1} | {rows:N0} | {rate:0} | {rate / ideal:P1} |");
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }

        return 0;
    }

    // Sends count requests from concurrency workers; returns requests per second.
    private static async Task<double> SendInProcessAsync(int count, int concurrency, Func<int, Task> send)
    {
        var next = -1;
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await send(i);
            }
        }));
        return count / watch.Elapsed.TotalSeconds;
    }
}
