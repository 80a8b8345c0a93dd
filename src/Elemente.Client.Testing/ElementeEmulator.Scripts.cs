namespace Elemente.Testing;

public sealed partial class ElementeEmulator
{
    /// <summary>Scripts how every later interaction with this phone number ends (<c>customerOverride.phoneNumber</c> or <c>customerPhone</c>).</summary>
    /// <param name="phoneNumber">The number exactly as requests send it, for example <c>+12155550142</c>.</param>
    /// <param name="outcome">How those interactions end.</param>
    /// <exception cref="ArgumentException"><paramref name="phoneNumber"/> is null or empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outcome"/> is not a <see cref="CallOutcome"/>.</exception>
    public void ScriptOutcome(string phoneNumber, CallOutcome outcome)
    {
        if (string.IsNullOrEmpty(phoneNumber))
        {
            throw new ArgumentException("Give the phone number as requests send it.", nameof(phoneNumber));
        }

        CheckOutcome(outcome);
        ScriptConversation(phoneNumber, new EmulatedConversation { Outcome = outcome });
    }

    /// <summary>
    /// Scripts how the next interaction created ends, whatever its number; called repeatedly, it scripts the ones after
    /// it in order. Takes precedence over <see cref="ScriptOutcome(string, CallOutcome)"/>.
    /// </summary>
    /// <param name="outcome">How it ends.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="outcome"/> is not a <see cref="CallOutcome"/>.</exception>
    public void ScriptNextOutcome(CallOutcome outcome)
    {
        CheckOutcome(outcome);
        ScriptNextConversation(new EmulatedConversation { Outcome = outcome });
    }

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
    /// Makes the next <paramref name="count"/> requests that reach an operation (one of <see cref="EmulatedFault.Operation"/>,
    /// when it names one) meet a fault, before credentials or the body are checked. Faults queue up in the order injected.
    /// </summary>
    /// <param name="fault">What the requests meet, for example <see cref="EmulatedFault.RateLimited"/>.</param>
    /// <param name="count">How many requests meet it; 1 by default.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fault"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public void InjectFault(EmulatedFault fault, int count = 1)
    {
        if (fault is null)
        {
            throw new ArgumentNullException(nameof(fault));
        }

        if (count < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Inject a fault into at least one request.");
        }

        lock (_gate)
        {
            _faults.AddRange(Enumerable.Repeat(fault, count));
        }
    }

    /// <summary>Removes the injected faults no request has met yet.</summary>
    public void ClearFaults()
    {
        lock (_gate)
        {
            _faults.Clear();
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

    private static void CheckOutcome(CallOutcome outcome)
    {
        if (!Enum.IsDefined(outcome))
        {
            throw new ArgumentOutOfRangeException(nameof(outcome), outcome, "Not a CallOutcome.");
        }
    }
}
