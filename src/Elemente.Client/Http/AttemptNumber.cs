namespace Elemente.Http;

/// <summary>Carries which attempt (from 1) a request message is, for the handlers below the retries.</summary>
internal static class AttemptNumber
{
    private const string Key = "Elemente.Attempt";

#if NET5_0_OR_GREATER
    private static readonly HttpRequestOptionsKey<int> OptionsKey = new(Key);
#endif

    public static void Set(HttpRequestMessage request, int attempt)
    {
#if NET5_0_OR_GREATER
        request.Options.Set(OptionsKey, attempt);
#else
        request.Properties[Key] = attempt;
#endif
    }

    public static int Of(HttpRequestMessage request) =>
#if NET5_0_OR_GREATER
        request.Options.TryGetValue(OptionsKey, out var attempt) ? attempt : 1;
#else
        request.Properties.TryGetValue(Key, out var attempt) && attempt is int value ? value : 1;
#endif
}
