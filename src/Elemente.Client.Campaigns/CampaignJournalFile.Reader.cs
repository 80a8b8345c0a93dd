using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Elemente.Campaigns;

// Reading: a journal file replayed into each row's latest state.
public sealed partial class CampaignJournalFile
{
    /// <summary>Replays a journal file into each row's latest state.</summary>
    private static class JournalReader
    {
        public static CampaignJournalContents Read(string path)
        {
            byte[] content;
            try
            {
                content = File.ReadAllBytes(path);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CampaignJournalException($"journal {path}: cannot be read ({ex.Message})", ex);
            }

            CampaignJournalHeader? header = null;
            var rows = new Dictionary<int, CampaignRowRecord>();
            var lastRun = 0;
            var start = 0;
            var number = 0;
            int? torn = null;
            while (start < content.Length)
            {
                number++;
                var end = Array.IndexOf(content, (byte)'\n', start);
                var complete = end >= 0;
                var length = (complete ? end : content.Length) - start;
                try
                {
                    using var document = JsonDocument.Parse(new ReadOnlyMemory<byte>(content, start, length));
                    var root = document.RootElement;
                    if (number == 1)
                    {
                        header = ReadHeader(root, path);
                    }
                    else
                    {
                        lastRun = Math.Max(lastRun, Apply(root, rows));
                    }
                }
                catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or FormatException)
                {
                    if (!complete && number == 1 && IsHeaderPrefix(content))
                    {
                        // Killed while the header was written: no row was sent under this journal yet.
                        throw new TornHeaderException($"journal {path}: line 1: the header was cut off (the run that created it was killed before writing it whole).");
                    }

                    if (!complete && number > 1)
                    {
                        // A kill while this line was written: the only line allowed to be partial.
                        torn = number;
                        break;
                    }

                    throw new CampaignJournalException($"journal {path}: line {number}: {(number == 1 ? "not a campaign journal header" : "not a journal event")} ({ex.Message}). Is this a campaign journal?", ex);
                }

                if (!complete)
                {
                    break;
                }

                start = end + 1;
            }

            if (header is null)
            {
                throw new CampaignJournalException($"journal {path}: line 1: the file is empty; it has no campaign journal header.");
            }

            return new CampaignJournalContents(header, rows, lastRun, torn);
        }

        /// <summary>Whether the bytes are the start of a header this library writes (so a cut-off one, not some other file).</summary>
        private static bool IsHeaderPrefix(byte[] content)
        {
            var marker = Encoding.UTF8.GetBytes("{\"journal\":\"" + Format + "\"");
            var length = Math.Min(marker.Length, content.Length);
            for (var i = 0; i < length; i++)
            {
                if (content[i] != marker[i])
                {
                    return false;
                }
            }

            return true;
        }

        private static CampaignJournalHeader ReadHeader(JsonElement root, string path)
        {
            if (!root.TryGetProperty("journal", out var format) || format.GetString() != Format)
            {
                throw new CampaignJournalException($"journal {path}: line 1: not a campaign journal header (expected \"journal\":\"{Format}\").");
            }

            return new CampaignJournalHeader(
                root.GetProperty("csv").GetString()!,
                root.GetProperty("csvSha256").GetString()!,
                root.GetProperty("csvBytes").GetInt64(),
                root.GetProperty("agent").GetString()!,
                root.GetProperty("skill").GetString()!,
                root.GetProperty("channel").GetString()!,
                root.GetProperty("map").GetString()!,
                root.TryGetProperty("region", out var region) && region.ValueKind == JsonValueKind.String ? region.GetString() : null);
        }

        private static int Apply(JsonElement root, Dictionary<int, CampaignRowRecord> rows)
        {
            var run = root.GetProperty("run").GetInt32();
            var state = root.GetProperty("state").GetString();
            if (state is "run-start" or "run-end")
            {
                return run;
            }

            var line = root.GetProperty("line").GetInt32();
            var key = root.GetProperty("key").GetString()!;
            if (state == FinalState)
            {
                ApplyFinal(root, rows, line);
                return run;
            }

            var parsed = state switch
            {
                "sending" => CampaignRowState.Sending,
                "created" => CampaignRowState.Created,
                "failed" => CampaignRowState.Failed,
                "unknown" => CampaignRowState.Unknown,
                "skipped" => CampaignRowState.Skipped,
                _ => throw new FormatException($"unknown state '{state}'"),
            };
            if (!rows.TryGetValue(line, out var record))
            {
                record = new CampaignRowRecord(line, key);
                rows[line] = record;
            }

            record.Apply(new CampaignJournalEntry(run, line, key, parsed)
            {
                Id = Optional(root, "id") ?? (parsed == CampaignRowState.Created ? throw new FormatException("a created event without its id") : null),
                Reason = Optional(root, "reason"),
                Detail = Optional(root, "detail"),
                Phone = Optional(root, "phone"),
                E164 = Optional(root, "e164"),
                Email = Optional(root, "email"),
                Attempt = root.TryGetProperty("attempt", out var attempt) && attempt.ValueKind == JsonValueKind.Number ? attempt.GetInt32() : 1,
                At = parsed is CampaignRowState.Created or CampaignRowState.Sending && Optional(root, "at") is { } at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind) : null,
            });

            return run;
        }

        /// <summary>A created row's final outcome: kept beside its state, which stays created.</summary>
        private static void ApplyFinal(JsonElement root, Dictionary<int, CampaignRowRecord> rows, int line)
        {
            if (!rows.TryGetValue(line, out var record) || record.Id != Optional(root, "id"))
            {
                // An outcome for an interaction the row no longer has (it was sent again since): not this row's.
                return;
            }

            record.FinalStatus = root.GetProperty("status").GetString() ?? throw new FormatException("a final event without its status");
            record.Duration = root.TryGetProperty("duration", out var duration) && duration.ValueKind == JsonValueKind.Number
                ? TimeSpan.FromTicks((long)Math.Round(duration.GetDouble() * TimeSpan.TicksPerSecond))
                : null;
            record.EndedAt = DateTimeOffset.Parse(root.GetProperty("endedAt").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
        }

        private static string? Optional(JsonElement root, string name) =>
            root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
    }
}
