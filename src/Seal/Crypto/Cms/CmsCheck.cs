namespace OneThing.Seal.Crypto.Cms;

/// <summary>One check of a SignerInfo with its outcome and a sentence saying why.</summary>
public sealed record CmsCheck(CmsCheckStatus Status, string Detail)
{
    public static CmsCheck Pass(string detail) => new(CmsCheckStatus.Passed, detail);
    public static CmsCheck Fail(string detail) => new(CmsCheckStatus.Failed, detail);
    public static CmsCheck Unknown(string detail) => new(CmsCheckStatus.Indeterminate, detail);
    public static CmsCheck Skip(string detail) => new(CmsCheckStatus.NotApplicable, detail);

    public bool Passed => Status == CmsCheckStatus.Passed;
}
