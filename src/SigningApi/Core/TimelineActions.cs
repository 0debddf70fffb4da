
namespace OneThing.SigningApi.Core;

/// <summary>Action names recorded on a case's timeline.</summary>
public static class TimelineActions
{
    public const string CaseOpened = "case-opened";
    public const string DocumentRendered = "document-rendered";
    public const string SignerInvited = "signer-invited";
    public const string SignerReinvited = "signer-reinvited";
    public const string IdentityVerified = "identity-verified";
    public const string IdentityFailed = "identity-failed";
    public const string LinkLocked = "link-locked";
    public const string CodeSent = "code-sent";
    public const string CodeFailed = "code-failed";
    public const string AccessGranted = "access-granted";
    public const string DocumentRead = "document-read";
    public const string ConsentAccepted = "consent-accepted";
    public const string HandwritingReceived = "handwriting-received";
    public const string DeviceSigningPrepared = "device-signing-prepared";
    public const string DocumentSigned = "document-signed";
    public const string SignerSigned = "signer-signed";
    public const string SignerDeclined = "signer-declined";
    public const string CaseExpired = "case-expired";
    public const string Countersigned = "countersigned";
    public const string Sealed = "sealed";
    public const string DownloadLinkIssued = "download-link-issued";
    public const string DeadlineExtended = "deadline-extended";
}
