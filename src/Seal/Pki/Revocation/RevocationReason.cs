namespace OneThing.Seal.Pki.Revocation;

/// <summary>RFC 5280 CRLReason values the product uses (numbers are the wire values).</summary>
public enum RevocationReason
{
    Unspecified = 0,
    KeyCompromise = 1,
    CaCompromise = 2,
    AffiliationChanged = 3,
    Superseded = 4,
    CessationOfOperation = 5,
}
