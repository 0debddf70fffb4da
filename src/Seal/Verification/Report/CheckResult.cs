namespace OneThing.Seal.Verification.Report;

/// <summary>One named check with its outcome and a sentence saying why.</summary>
public sealed record CheckResult(CheckKind Kind, CheckStatus Status, string Detail)
{
    public static CheckResult Pass(CheckKind kind, string detail) => new(kind, CheckStatus.Passed, detail);
    public static CheckResult Fail(CheckKind kind, string detail) => new(kind, CheckStatus.Failed, detail);
    public static CheckResult Unknown(CheckKind kind, string detail) => new(kind, CheckStatus.Indeterminate, detail);
    public static CheckResult Skip(CheckKind kind, string detail) => new(kind, CheckStatus.NotApplicable, detail);

    public bool IsAcceptable => Status is CheckStatus.Passed or CheckStatus.NotApplicable;
}
