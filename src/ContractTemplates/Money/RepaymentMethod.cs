namespace OneThing.ContractTemplates.Money;

public enum RepaymentMethod
{
    Unspecified = 0,
    /// <summary>等额本息: equal monthly instalments (annuity).</summary>
    EqualInstalment,
    /// <summary>等额本金: equal principal each month, interest on the remaining balance.</summary>
    EqualPrincipal,
}
