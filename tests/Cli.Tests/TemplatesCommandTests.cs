namespace OneThing.Cli.Tests;

public sealed class TemplatesCommandTests
{
    [Fact]
    public void Lists_each_template_with_its_version_and_content_hash()
    {
        var result = OneThingProcess.Run("templates");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"loan-contract\s+1\.0\.0\s+[0-9a-f]{64}\s+个人住房公积金借款合同", result.Output);
        Assert.Matches(@"mortgage-contract\s+1\.0\.0\s+[0-9a-f]{64}\s+抵押合同", result.Output);
        Assert.Matches(@"deduction-authorization\s+1\.0\.0\s+[0-9a-f]{64}\s+委托扣款授权书", result.Output);
    }
}
