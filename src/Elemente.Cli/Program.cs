using Elemente.Cli;

return await ElementeCli.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
