namespace OneThing.SigningApi.Core;

/// <summary>Who a signature is made for: it names the sign step and the role in the service's metrics.</summary>
public enum SignatureRole
{
    Applicant,
    Officer,
    Seal,
}
