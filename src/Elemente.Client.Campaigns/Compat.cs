using System.Security.Cryptography;

namespace Elemente.Campaigns;

/// <summary>The few APIs that netstandard2.0 lacks, written once for both builds.</summary>
internal static class Compat
{
    public static byte[] Sha256(byte[] data)
    {
        using var sha = SHA256.Create();
        return sha.ComputeHash(data);
    }

    /// <summary>Lower-case hex of the first <paramref name="count"/> bytes (all by default).</summary>
    public static string Hex(byte[] bytes, int count = -1)
    {
        var length = count < 0 ? bytes.Length : count;
        var chars = new char[length * 2];
        for (var i = 0; i < length; i++)
        {
            chars[2 * i] = Digit(bytes[i] >> 4);
            chars[(2 * i) + 1] = Digit(bytes[i] & 0xf);
        }

        return new string(chars);

        static char Digit(int value) => (char)(value < 10 ? '0' + value : 'a' + value - 10);
    }

    public static int Count(ReadOnlySpan<char> span, char value)
    {
        var count = 0;
        foreach (var c in span)
        {
            if (c == value)
            {
                count++;
            }
        }

        return count;
    }

    public static Task Delay(TimeSpan delay, TimeProvider time, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        Task.Delay(delay, time, cancellationToken);
#else
        time.Delay(delay, cancellationToken);
#endif

    /// <summary>Completes with <paramref name="task"/>, or throws <see cref="OperationCanceledException"/> when cancelled first.</summary>
    public static async Task WaitAsync(Task task, CancellationToken cancellationToken)
    {
#if NET8_0_OR_GREATER
        await task.WaitAsync(cancellationToken).ConfigureAwait(false);
#else
        var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellationToken.Register(() => cancelled.TrySetCanceled(cancellationToken)))
        {
            await (await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false)).ConfigureAwait(false);
        }
#endif
    }
}
