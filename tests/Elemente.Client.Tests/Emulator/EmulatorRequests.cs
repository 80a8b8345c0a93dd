namespace Elemente.Tests.Emulator;

/// <summary>Requests the emulator tests send.</summary>
internal static class EmulatorRequests
{
    public const string AgentId = "123e4567-e89b-12d3-a456-426614174000";
    public const string SkillId = "223e4567-e89b-12d3-a456-426614174000";

    public static CreateInteractionInput Call(string phoneNumber, string? firstName = null) => new()
    {
        AgentId = AgentId,
        SkillId = SkillId,
        Channel = InteractionChannel.Call,
        CustomerOverride = new CustomerOverrideInput { PhoneNumber = phoneNumber, FirstName = firstName },
    };
}
