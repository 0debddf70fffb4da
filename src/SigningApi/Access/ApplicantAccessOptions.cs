namespace OneThing.SigningApi.Access;

/// <summary><c>OneThing:Access</c>: the applicant's link → identity → one-time code path.</summary>
public sealed class ApplicantAccessOptions
{
    public const string SectionName = "OneThing:Access";

    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);
    public int MaxIdentityFailures { get; set; } = 5;
    public TimeSpan CodeLifetime { get; set; } = TimeSpan.FromMinutes(5);
    public int MaxCodeAttempts { get; set; } = 5;
    public TimeSpan CodeResendCooldown { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Wrong codes allowed on one link over all resends before the link locks. <see cref="MaxCodeAttempts"/> alone
    /// resets with every new code, which would let someone holding the link guess codes for its whole life.
    /// </summary>
    public int MaxCodeFailuresPerLink { get; set; } = 10;

    /// <summary>Codes (SMS) one link may send in all, so a link cannot be used to flood the party's phone.</summary>
    public int MaxCodesPerLink { get; set; } = 10;

    /// <summary>Identity and code checks allowed per client address per window.</summary>
    public int ChecksPerWindow { get; set; } = 20;
    public TimeSpan CheckWindow { get; set; } = TimeSpan.FromMinutes(1);
}
