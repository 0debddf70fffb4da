namespace OneThing.SigningApi.Core;

/// <summary>How long a case may wait for its signatures, counted from intake: at intake and when a deadline is extended.</summary>
public static class SigningPeriod
{
    public const int MaxDays = 90;
}
