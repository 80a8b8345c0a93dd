using Elemente.Sample;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await SampleRun.RunAsync(Console.Out, Environment.GetEnvironmentVariable, cancel.Token);
