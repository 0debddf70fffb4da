namespace OneThing.ContractTemplates.Cases;

public enum MaritalStatus
{
    Unspecified = 0,
    Single,
    Married,
    Divorced,
    Widowed,
}
