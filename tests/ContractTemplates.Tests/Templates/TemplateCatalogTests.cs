using System.Security.Cryptography;
using System.Text;
using OneThing.ContractTemplates.Templates;
using OneThing.ContractTemplates.Tests.Support;

namespace OneThing.ContractTemplates.Tests.Templates;

public sealed class TemplateCatalogTests
{
    private readonly TemplateCatalog _catalog = TemplateCatalog.LoadEmbedded();

    [Fact]
    public void Ships_the_three_documents_as_versioned_templates()
    {
        Assert.Equal(["deduction-authorization", "loan-contract", "mortgage-contract"], _catalog.All.Select(t => t.Id).Distinct());
        Assert.Equal("个人住房公积金借款合同", _catalog.Get("loan-contract").Title);
        Assert.Equal("抵押合同", _catalog.Get("mortgage-contract").Title);
        Assert.Equal("委托扣款授权书", _catalog.Get("deduction-authorization").Title);
    }

    [Theory]
    [InlineData("loan-contract", "1.0.0")]
    [InlineData("mortgage-contract", "1.0.0")]
    [InlineData("deduction-authorization", "1.0.0")]
    public void The_hash_is_the_sha256_of_the_template_file_in_the_repository(string id, string version)
    {
        var file = File.ReadAllText(RepositoryPaths.TemplateFile($"{id}@{version}.liquid")).Replace("\r\n", "\n", StringComparison.Ordinal);

        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(file)));

        Assert.Equal(expected, _catalog.Get(id, version).Hash);
    }

    [Fact]
    public void Unknown_templates_and_versions_are_reported_with_what_exists()
    {
        Assert.Contains("loan-contract", Assert.Throws<KeyNotFoundException>(() => _catalog.Get("lease")).Message);
        Assert.Contains("1.0.0", Assert.Throws<KeyNotFoundException>(() => _catalog.Get("loan-contract", "9.9.9")).Message);
    }

    [Fact]
    public void The_latest_version_is_the_default()
    {
        var parser = new TemplateFileParser();
        var older = parser.Parse("a", "---\nid: x\nversion: 1.2.0\ntitle: 甲\n---\n# 甲\n");
        var newer = parser.Parse("b", "---\nid: x\nversion: 1.10.0\ntitle: 乙\n---\n# 乙\n");

        var catalog = new TemplateCatalog([newer, older]);

        Assert.Equal("1.10.0", catalog.Get("x").Version);
        Assert.Equal("1.2.0", catalog.Get("x", "1.2.0").Version);
    }

    [Theory]
    [InlineData("# no front matter\n")]
    [InlineData("---\nid: x\ntitle: t\n---\nbody\n")]
    [InlineData("---\nid: x\nversion: one\ntitle: t\n---\nbody\n")]
    [InlineData("---\nid: x\nversion: 1.0.0\ntitle: t\n---\n{% if %}\n")]
    public void Malformed_template_files_are_refused(string text) =>
        Assert.Throws<InvalidDataException>(() => new TemplateFileParser().Parse("bad.liquid", text));
}
