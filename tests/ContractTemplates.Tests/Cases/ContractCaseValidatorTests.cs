using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Tests.Support;

namespace OneThing.ContractTemplates.Tests.Cases;

public sealed class ContractCaseValidatorTests
{
    private readonly ContractCaseValidator _validator = new();

    [Theory]
    [InlineData(Samples.Couple)]
    [InlineData(Samples.Single)]
    public void Sample_cases_are_valid(string sample) => Assert.Empty(_validator.Validate(Samples.Load(sample)));

    [Fact]
    public void Reports_every_problem_at_once_by_field_path()
    {
        var valid = Samples.Load(Samples.Couple);
        var broken = valid with
        {
            ContractNumber = "",
            Borrower = valid.Borrower with { IdNumber = "510603198804123575", Phone = "2388101234" },
            Loan = valid.Loan with { AmountFen = 0, TermMonths = 361, AnnualRatePercent = 30m, RepaymentDay = 31 },
        };

        var problems = _validator.Validate(broken).ToDictionary(p => p.Path, p => p.Message);

        Assert.Equal("is required", problems["contractNumber"]);
        Assert.Equal("check digit is wrong (expected 4)", problems["borrower.idNumber"]);
        Assert.Equal("must be an 11-digit mainland mobile number starting with 1", problems["borrower.phone"]);
        Assert.StartsWith("must be between 1 and", problems["loan.amountFen"]);
        Assert.Equal("must be between 1 and 360 months", problems["loan.termMonths"]);
        Assert.StartsWith("must be greater than 0 and at most 24", problems["loan.annualRatePercent"]);
        Assert.StartsWith("must be between 1 and 28", problems["loan.repaymentDay"]);
        Assert.Equal(7, problems.Count);
    }

    [Fact]
    public void A_co_borrower_must_not_be_the_borrower()
    {
        var valid = Samples.Load(Samples.Couple);
        var samePerson = valid with { CoBorrowers = [valid.CoBorrowers[0] with { IdNumber = valid.Borrower.IdNumber }] };

        var problem = Assert.Single(_validator.Validate(samePerson));

        Assert.Equal("coBorrowers[0].idNumber", problem.Path);
        Assert.Contains("different person", problem.Message);
    }

    [Fact]
    public void Dates_must_make_sense()
    {
        var valid = Samples.Load(Samples.Couple);
        var early = valid with { Loan = valid.Loan with { FirstRepaymentDate = valid.ContractDate } };
        var offDay = valid with { Loan = valid.Loan with { FirstRepaymentDate = new DateOnly(2026, 4, 21) } };
        var minor = valid with { ContractDate = new DateOnly(2006, 1, 1), Loan = valid.Loan with { FirstRepaymentDate = new DateOnly(2006, 2, 20) } };

        Assert.Contains(_validator.Validate(early), p => p is { Path: "loan.firstRepaymentDate", Message: "must be after the contract date" });
        Assert.Contains(_validator.Validate(offDay), p => p is { Path: "loan.firstRepaymentDate", Message: "must fall on the repayment day (20)" });
        Assert.Contains(_validator.Validate(minor), p => p is { Path: "borrower.idNumber", Message: "belongs to someone under 18 on the contract date" });
    }

    [Fact]
    public void An_empty_case_lists_each_missing_field()
    {
        var problems = _validator.Validate(new ContractCase());

        Assert.Contains(problems, p => p.Path == "caseNumber");
        Assert.Contains(problems, p => p.Path == "centre.name");
        Assert.Contains(problems, p => p.Path == "borrower.maritalStatus");
        Assert.Contains(problems, p => p.Path == "property.priceFen");
        Assert.Contains(problems, p => p.Path == "loan.method");
        Assert.Contains(problems, p => p.Path == "loan.deductionAccount.accountNumber");
        Assert.Contains(problems, p => p.Path == "mortgage.registryName");
        Assert.True(problems.Count > 20, $"expected every missing field, got {problems.Count}");
    }

    [Fact]
    public void The_loan_may_not_exceed_the_property_price_and_the_account_must_belong_to_an_applicant()
    {
        var valid = Samples.Load(Samples.Single);
        var tooMuch = valid with
        {
            Loan = valid.Loan with
            {
                AmountFen = valid.Property.PriceFen + 1,
                DeductionAccount = valid.Loan.DeductionAccount with { AccountName = "赵六" },
            },
            Mortgage = valid.Mortgage with { SecuredAmountFen = valid.Property.PriceFen + 1 },
        };

        var problems = _validator.Validate(tooMuch);

        Assert.Contains(problems, p => p is { Path: "loan.amountFen", Message: "must not exceed the property price" });
        Assert.Contains(problems, p => p is { Path: "loan.deductionAccount.accountName", Message: "must be the borrower or a co-borrower" });
    }
}
