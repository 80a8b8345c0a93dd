namespace Elemente.Testing;

public sealed partial class ElementeEmulator
{
    /// <summary>
    /// Scripts how every later interaction with this phone number goes (<c>customerOverride.phoneNumber</c> or
    /// <c>customerPhone</c>): its outcome, lines, duration and recording. Replaces what was scripted for the number before.
    /// </summary>
    /// <param name="phoneNumber">The number exactly as requests send it, for example <c>+12155550142</c>.</param>
    /// <param name="conversation">How those interactions go; copied.</param>
    /// <exception cref="ArgumentException"><paramref name="phoneNumber"/> is null or empty, or a setting of <paramref name="conversation"/> is invalid.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> is null.</exception>
    public void ScriptConversation(string phoneNumber, EmulatedConversation conversation)
    {
        if (string.IsNullOrEmpty(phoneNumber))
        {
            throw new ArgumentException("Give the phone number as requests send it.", nameof(phoneNumber));
        }

        var copy = (conversation ?? throw new ArgumentNullException(nameof(conversation))).Validated(nameof(conversation));
        lock (_gate)
        {
            _conversationsByNumber[phoneNumber] = copy;
        }
    }

    /// <summary>
    /// Scripts how the next interaction created goes, whatever its number or channel; called repeatedly, it scripts the
    /// ones after it in order. Shares its queue with <see cref="ScriptNextOutcome"/>, and takes precedence over what is
    /// scripted per number.
    /// </summary>
    /// <param name="conversation">How it goes; copied.</param>
    /// <exception cref="ArgumentException">A setting of <paramref name="conversation"/> is invalid; the message names it.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="conversation"/> is null.</exception>
    public void ScriptNextConversation(EmulatedConversation conversation)
    {
        var copy = (conversation ?? throw new ArgumentNullException(nameof(conversation))).Validated(nameof(conversation));
        lock (_gate)
        {
            _nextConversations.Enqueue(copy);
        }
    }

    /// <summary>
    /// Starts over, as a test sharing this emulator (an xunit class fixture) needs: forgets every interaction and
    /// request (<see cref="RecordedRequest.Sequence"/> counts from 1 again), and removes pending faults and every script,
    /// per number and for the next interactions.
    /// </summary>
    /// <remarks>
    /// What survives: the options (clock, credentials, timings, <see cref="ElementeEmulatorOptions.DefaultOutcome"/>),
    /// the server <see cref="StartServerAsync"/> started (same address), and the clients and handlers already created,
    /// which go on working. A request held by an injected fault when <see cref="Reset"/> is called stays held.
    /// </remarks>
    public void Reset()
    {
        lock (_gate)
        {
            _requests.Clear();
            _interactions.Clear();
            _byId.Clear();
            _faults.Clear();
            _nextConversations.Clear();
            _conversationsByNumber.Clear();
            _sequence = 0;
        }
    }

    /// <summary>A new interaction id: random, or from <see cref="ElementeEmulatorOptions.Seed"/> when one is set.</summary>
    private string NewId()
    {
        if (_random is null)
        {
            return Guid.NewGuid().ToString();
        }

        var bytes = new byte[16];
        lock (_random)
        {
            _random.NextBytes(bytes);
        }

        // A version 4 UUID, as the API's ids are.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes).ToString();
    }
}
