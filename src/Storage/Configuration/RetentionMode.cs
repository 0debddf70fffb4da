namespace OneThing.Storage.Configuration;

/// <summary>S3 object-lock modes. Compliance cannot be shortened by anyone, Governance by privileged users only.</summary>
public enum RetentionMode
{
    None,
    Governance,
    Compliance,
}
