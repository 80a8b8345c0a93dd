namespace Elemente.Testing;

/// <summary>
/// How an emulated interaction ends: one of the 9 final statuses. Script it per phone number or per call on
/// <see cref="ElementeEmulator"/>, or with an <see cref="EmulatedConversation"/> (which can also end it with a status the
/// client does not know).
/// </summary>
public enum CallOutcome
{
    /// <summary>The customer answers and the conversation runs to its end: <c>completed</c>, with a transcription, messages and a duration.</summary>
    Completed,

    /// <summary>The phone rings out: <c>no-answer</c>.</summary>
    NoAnswer,

    /// <summary>The line is busy: <c>busy</c> after the ringing phase. Only calls can be busy; other channels end <c>no-answer</c>.</summary>
    Busy,

    /// <summary>A voicemail box answers and the agent leaves its first message: <c>voicemail</c>. Only calls reach voicemail; other channels end <c>no-answer</c>.</summary>
    Voicemail,

    /// <summary>The interaction cannot be carried out (as when the provider rejects the number): <c>failed</c>, right after the queue.</summary>
    Failed,

    /// <summary>The interaction is called off before it starts: <c>canceled</c>, right after the queue.</summary>
    Canceled,

    /// <summary>The interaction waits too long to start: <c>expired</c>, right after the queue.</summary>
    Expired,

    /// <summary>The conversation runs to its end and is closed: <c>closed</c>, with a transcription, messages and a duration.</summary>
    Closed,

    /// <summary>The conversation runs to its end and resolves the customer's matter: <c>resolved</c>, with a transcription, messages and a duration.</summary>
    Resolved,
}
