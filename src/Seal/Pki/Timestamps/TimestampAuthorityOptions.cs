namespace OneThing.Seal.Pki.Timestamps;

/// <summary>Settings of the built-in RFC 3161 timestamp authority.</summary>
public sealed record TimestampAuthorityOptions
{
    /// <summary>
    /// The TSA policy under which tokens are issued. The default is an OID under the UUID arc 2.25
    /// (ITU-T X.667), unique without registration; production deployments put their own policy here.
    /// </summary>
    public string PolicyOid { get; init; } = DefaultPolicyOid;

    /// <summary>The accuracy of genTime the TSA vouches for (its clock is NTP-disciplined system time).</summary>
    public int AccuracyMillis { get; init; } = 1000;

    public const string DefaultPolicyOid = "2.25.330503531872315787681031863608304288409";
}
