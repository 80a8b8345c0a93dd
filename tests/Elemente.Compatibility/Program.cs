// A user's code, with the namespaces an application commonly imports beside Elemente: a generated type named like one
// of theirs (Channel, Task, File, JsonElement...) would make this file stop compiling.
using System.Text.Json;
using System.Threading.Channels;
using Elemente;

namespace Elemente.Compatibility;

internal static class Program
{
    public static async Task<int> Main()
    {
        var log = Channel.CreateUnbounded<string>();
        var calls = new RecordingCalls();
        await Usage.RunAsync(calls, log.Writer);
        log.Writer.Complete();
        var lines = new List<string>();
        await foreach (var line in log.Reader.ReadAllAsync())
        {
            lines.Add(line);
        }

        Console.WriteLine(JsonSerializer.Serialize(lines));
        return lines.Count > 0 ? 0 : 1;
    }
}
