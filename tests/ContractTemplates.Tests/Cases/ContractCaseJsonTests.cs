using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Money;
using OneThing.ContractTemplates.Tests.Support;

namespace OneThing.ContractTemplates.Tests.Cases;

public sealed class ContractCaseJsonTests
{
    [Fact]
    public void Reads_a_sample_case_with_money_in_integer_fen()
    {
        var contractCase = Samples.Load(Samples.Couple);

        Assert.Equal(60_000_000, contractCase.Loan.AmountFen);
        Assert.Equal(RepaymentMethod.EqualInstalment, contractCase.Loan.Method);
        Assert.Equal(MaritalStatus.Married, contractCase.Borrower.MaritalStatus);
        Assert.Equal("李秀兰", Assert.Single(contractCase.CoBorrowers).Name);
    }

    [Fact]
    public void Round_trips_through_json()
    {
        var contractCase = Samples.Load(Samples.Single);

        var again = ContractCaseJson.Parse(ContractCaseJson.Serialize(contractCase));

        Assert.Equal(ContractCaseJson.Serialize(contractCase), ContractCaseJson.Serialize(again));
    }

    [Theory]
    [InlineData("""{ "caseNumber": "X", "loan": { "amountYuan": 5 } }""", "loan.amountYuan")]
    [InlineData("""{ "loan": { "method": "balloon" } }""", "loan.method")]
    [InlineData("""{ "loan": { "amountFen": "many" } }""", "loan.amountFen")]
    [InlineData("""{ "caseNumber": """, "caseNumber")]
    public void Unreadable_input_names_the_field(string json, string path)
    {
        var error = Assert.Throws<ContractCaseValidationException>(() => ContractCaseJson.Parse(json));

        Assert.Equal(path, Assert.Single(error.Problems).Path);
    }
}
