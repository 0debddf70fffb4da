namespace OneThing.Seal.Verification.Report;

public enum SignatureKind
{
    /// <summary>A CMS signature (adbe.pkcs7.detached or ETSI.CAdES.detached).</summary>
    Signature,
    /// <summary>An RFC 3161 document timestamp (ETSI.RFC3161).</summary>
    DocumentTimestamp,
}
