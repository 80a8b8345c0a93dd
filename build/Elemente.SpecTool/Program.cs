using Elemente.SpecTool;

return await new SpecToolCli(Console.Out, Console.Error).InvokeAsync(args);
