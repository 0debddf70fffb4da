using System.Collections;
using System.Text.Json.Serialization.Metadata;
using System.Text.RegularExpressions;

namespace OneThing.ContractTemplates.Cases;

/// <summary>
/// Checks a case before anything is rendered and returns every problem at once, each with the JSON field path
/// (camelCase, as in the case file) and a plain-words message.
/// </summary>
public sealed partial class ContractCaseValidator
{
    /// <summary>Largest loan the documents accept: 100 million yuan.</summary>
    public const long MaxLoanFen = 100_000_000_00;
    public const int MaxCoBorrowers = 3;

    public IReadOnlyList<ValidationProblem> Validate(ContractCase contractCase)
    {
        ArgumentNullException.ThrowIfNull(contractCase);
        var problems = new List<ValidationProblem>();
        void Add(string path, string message) => problems.Add(new ValidationProblem(path, message));

        // JSON null replaces a member's default ("centre": null, "coBorrowers": [null]) and every check below
        // assumes none, so nulls are reported on their own. Walking the serializer's own contract covers every
        // reference-typed member, present and future, under the same camelCase path the case file uses.
        FindNulls(contractCase, ContractCaseJson.Options.GetTypeInfo(typeof(ContractCase)), "", Add);
        if (problems.Count > 0) return problems;

        RequireCode(contractCase.CaseNumber, "caseNumber", Add);
        RequireCode(contractCase.ContractNumber, "contractNumber", Add);
        if (contractCase.ContractDate == default) Add("contractDate", "is required");
        else if (contractCase.ContractDate.Year is < 2000 or > 2100) Add("contractDate", "must be between 2000 and 2100");

        Require(contractCase.Centre.Name, "centre.name", Add);
        Require(contractCase.Centre.Code, "centre.code", Add);
        Require(contractCase.Centre.Address, "centre.address", Add);
        if (contractCase.Centre.Phone.Length > 0 && !LandlineOrMobile().IsMatch(contractCase.Centre.Phone))
            Add("centre.phone", "must be a phone number such as 0838-2222222 or 12329");
        Require(contractCase.Bank.Name, "bank.name", Add);
        Require(contractCase.Bank.Branch, "bank.branch", Add);

        ValidateParty(contractCase.Borrower, "borrower", contractCase.ContractDate, isCoBorrower: false, Add);
        if (contractCase.CoBorrowers.Count > MaxCoBorrowers)
            Add("coBorrowers", $"at most {MaxCoBorrowers} co-borrowers are allowed, got {contractCase.CoBorrowers.Count}");
        var seenIds = new HashSet<string>(StringComparer.Ordinal);
        if (contractCase.Borrower.IdNumber.Length > 0) seenIds.Add(contractCase.Borrower.IdNumber);
        for (var i = 0; i < contractCase.CoBorrowers.Count; i++)
        {
            var coBorrower = contractCase.CoBorrowers[i];
            var path = $"coBorrowers[{i}]";
            ValidateParty(coBorrower, path, contractCase.ContractDate, isCoBorrower: true, Add);
            if (coBorrower.IdNumber.Length > 0 && !seenIds.Add(coBorrower.IdNumber))
            {
                Add($"{path}.idNumber", coBorrower.IdNumber == contractCase.Borrower.IdNumber
                    ? "is the borrower's ID number: a co-borrower must be a different person"
                    : "appears twice among the co-borrowers");
            }
        }

        ValidateProperty(contractCase.Property, Add);
        ValidateLoan(contractCase, Add);

        Require(contractCase.Mortgage.RegistryName, "mortgage.registryName", Add);
        if (contractCase.Mortgage.SecuredAmountFen <= 0) Add("mortgage.securedAmountFen", "must be greater than zero");
        else if (contractCase.Loan.AmountFen > 0 && contractCase.Mortgage.SecuredAmountFen < contractCase.Loan.AmountFen)
            Add("mortgage.securedAmountFen", "must cover at least the loan amount");
        return problems;
    }

    private static void FindNulls(object value, JsonTypeInfo info, string path, Action<string, string> add)
    {
        if (info.Kind == JsonTypeInfoKind.Object)
        {
            foreach (var property in info.Properties)
            {
                if (property.Get is null) continue;
                var memberPath = path.Length == 0 ? property.Name : $"{path}.{property.Name}";
                var member = property.Get(value);
                if (member is null)
                {
                    if (!property.IsGetNullable) add(memberPath, "is required (null is not allowed)");
                }
                else FindNulls(member, ContractCaseJson.Options.GetTypeInfo(property.PropertyType), memberPath, add);
            }
        }
        else if (info.Kind == JsonTypeInfoKind.Enumerable && value is IEnumerable items && info.ElementType is { } elementType)
        {
            var elementInfo = ContractCaseJson.Options.GetTypeInfo(elementType);
            var i = 0;
            foreach (var item in items)
            {
                if (item is null) add($"{path}[{i}]", "is required (null is not allowed)");
                else FindNulls(item, elementInfo, $"{path}[{i}]", add);
                i++;
            }
        }
    }

    private static void ValidateParty(Party party, string path, DateOnly contractDate, bool isCoBorrower, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(party.Name)) add($"{path}.name", "is required");
        else if (party.Name.Length > 30) add($"{path}.name", "must be at most 30 characters");
        var idProblem = ResidentIdNumber.Problem(party.IdNumber);
        if (idProblem is not null) add($"{path}.idNumber", idProblem);
        else if (contractDate != default && ResidentIdNumber.BirthDate(party.IdNumber) is { } born && born.AddYears(18) > contractDate)
            add($"{path}.idNumber", "belongs to someone under 18 on the contract date");
        if (string.IsNullOrEmpty(party.Phone)) add($"{path}.phone", "is required");
        else if (!Mobile().IsMatch(party.Phone)) add($"{path}.phone", "must be an 11-digit mainland mobile number starting with 1");
        Require(party.Address, $"{path}.address", add);
        if (party.MaritalStatus == MaritalStatus.Unspecified)
            add($"{path}.maritalStatus", "is required (single, married, divorced or widowed)");
        if (isCoBorrower) Require(party.Relationship, $"{path}.relationship", add);
    }

    private static void ValidateProperty(Property property, Action<string, string> add)
    {
        Require(property.Address, "property.address", add);
        Require(property.CertificateNumber, "property.certificateNumber", add);
        if (property.FloorArea <= 0 || property.FloorArea > 10_000) add("property.floorArea", "must be between 0 and 10000 square metres");
        else if (decimal.Round(property.FloorArea, 2) != property.FloorArea) add("property.floorArea", "must have at most two decimals");
        if (property.PriceFen <= 0) add("property.priceFen", "must be greater than zero");
    }

    private static void ValidateLoan(ContractCase contractCase, Action<string, string> add)
    {
        var loan = contractCase.Loan;
        if (loan.AmountFen <= 0 || loan.AmountFen > MaxLoanFen) add("loan.amountFen", $"must be between 1 and {MaxLoanFen} fen");
        else if (contractCase.Property.PriceFen > 0 && loan.AmountFen > contractCase.Property.PriceFen)
            add("loan.amountFen", "must not exceed the property price");
        if (loan.TermMonths is < 1 or > 360) add("loan.termMonths", "must be between 1 and 360 months");
        if (loan.AnnualRatePercent <= 0 || loan.AnnualRatePercent > 24) add("loan.annualRatePercent", "must be greater than 0 and at most 24 (percent per year)");
        else if (decimal.Round(loan.AnnualRatePercent, 4) != loan.AnnualRatePercent) add("loan.annualRatePercent", "must have at most four decimals");
        if (loan.Method == Money.RepaymentMethod.Unspecified) add("loan.method", "is required (equal-instalment or equal-principal)");
        var dayValid = loan.RepaymentDay is >= 1 and <= 28;
        if (!dayValid) add("loan.repaymentDay", "must be between 1 and 28 so that every month has it");
        if (loan.FirstRepaymentDate == default) add("loan.firstRepaymentDate", "is required");
        else
        {
            if (contractCase.ContractDate != default)
            {
                if (loan.FirstRepaymentDate <= contractCase.ContractDate) add("loan.firstRepaymentDate", "must be after the contract date");
                else if (loan.FirstRepaymentDate > contractCase.ContractDate.AddMonths(3)) add("loan.firstRepaymentDate", "must be within three months of the contract date");
            }
            if (dayValid && loan.FirstRepaymentDate.Day != loan.RepaymentDay)
                add("loan.firstRepaymentDate", $"must fall on the repayment day ({loan.RepaymentDay})");
        }
        var account = loan.DeductionAccount;
        Require(account.BankName, "loan.deductionAccount.bankName", add);
        if (string.IsNullOrWhiteSpace(account.AccountName)) add("loan.deductionAccount.accountName", "is required");
        else if (account.AccountName != contractCase.Borrower.Name && contractCase.CoBorrowers.All(c => c.Name != account.AccountName))
            add("loan.deductionAccount.accountName", "must be the borrower or a co-borrower");
        if (string.IsNullOrEmpty(account.AccountNumber)) add("loan.deductionAccount.accountNumber", "is required");
        else if (!AccountNumber().IsMatch(account.AccountNumber)) add("loan.deductionAccount.accountNumber", "must be 12 to 30 digits");
    }

    private static void Require(string value, string path, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(value)) add(path, "is required");
        else if (value.Length > 200) add(path, "must be at most 200 characters");
    }

    private static void RequireCode(string value, string path, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(value)) add(path, "is required");
        else if (!Code().IsMatch(value)) add(path, "must be 1 to 40 letters, digits or dashes");
    }

    [GeneratedRegex("^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();

    [GeneratedRegex("^(1[3-9][0-9]{9}|0[0-9]{2,3}-?[0-9]{7,8}|[0-9]{5})$")]
    private static partial Regex LandlineOrMobile();

    [GeneratedRegex("^[0-9]{12,30}$")]
    private static partial Regex AccountNumber();

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9-]{0,39}$")]
    private static partial Regex Code();
}
