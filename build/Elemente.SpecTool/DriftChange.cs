namespace Elemente.SpecTool;

/// <summary>Which way data flows for a schema: sent by the client, or received by it.</summary>
[Flags]
public enum DataDirection
{
    /// <summary>Not data (an operation, a response code).</summary>
    None = 0,

    /// <summary>Sent by the client (parameters, request bodies).</summary>
    Request = 1,

    /// <summary>Received by the client (response bodies).</summary>
    Response = 2,
}

/// <summary>What a change does to a user of this client (see <see cref="DriftDetector.Rules"/>).</summary>
public enum DriftImpact
{
    /// <summary>Nothing: existing applications keep working, and still compile after <c>update</c> regenerates.</summary>
    NonBreaking = 0,

    /// <summary>Safe on the wire, but the regenerated public API changes, so code has to change once <c>update</c> regenerates.</summary>
    CodeChange = 1,

    /// <summary>An application built on the client from the committed spec can fail against the API as now documented.</summary>
    Breaking = 2,
}

/// <summary>One semantic difference between the committed spec and the upstream one.</summary>
/// <param name="Kind">A stable identifier of the kind of change, e.g. <c>property-removed</c>.</param>
/// <param name="Summary">One line a person can act on, e.g. <c>removed response property SanitisedFeedback.transcription</c>.</param>
/// <param name="Impact">What it does to a user of this client (see <see cref="DriftDetector.Rules"/>).</param>
/// <param name="Reason">Why it has that impact.</param>
/// <param name="Direction">Whether the changed data is sent, received or both.</param>
/// <param name="Operations">The operations affected, e.g. <c>POST /api/v1/calls</c>.</param>
public sealed record DriftChange(string Kind, string Summary, DriftImpact Impact, string Reason, DataDirection Direction, IReadOnlyList<string> Operations)
{
    /// <summary>Whether an application built on the committed spec can fail against the API as now documented.</summary>
    public bool Breaking => Impact == DriftImpact.Breaking;
}
