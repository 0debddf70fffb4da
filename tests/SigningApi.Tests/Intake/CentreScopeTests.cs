using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Intake;

/// <summary>
/// Two centres share one service. A case is scoped by its centre code (which officers see and act
/// on it); the keys must follow that code. An approval system that puts centre A's code beside
/// centre B's name must neither open the case nor get B's seal on A's case.
/// </summary>
public sealed class CentreScopeTests(CentreScopeTests.Factory factory) : IClassFixture<CentreScopeTests.Factory>
{
    private const string Deyang = "德阳市住房公积金管理中心";
    private const string Chengdu = "成都住房公积金管理中心";
    private const string ChengduCode = "12510100MB0A1B2C3D";

    public sealed class Factory : SigningApiFactory
    {
        protected override IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>
        {
            ["OneThing:Centres:0:Code"] = ApiDriver.CentreCode,
            ["OneThing:Centres:0:Name"] = Deyang,
            ["OneThing:Centres:1:Code"] = ChengduCode,
            ["OneThing:Centres:1:Name"] = Chengdu,
            ["Pki:Centres:0:CentreName"] = Deyang,
            ["Pki:Centres:0:SealCode"] = "5106000000001",
            ["Pki:Centres:1:CentreName"] = Chengdu,
            ["Pki:Centres:1:SealCode"] = "5101000000001",
            ["Pki:Officers:0:OfficerId"] = ApiDriver.OfficerId,
            ["Pki:Officers:0:Name"] = "王经办",
            ["Pki:Officers:0:CentreName"] = Deyang,
            ["Pki:Officers:1:OfficerId"] = "CD-0001",
            ["Pki:Officers:1:Name"] = "赵经办",
            ["Pki:Officers:1:CentreName"] = Chengdu,
        };
    }

    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task Intake_refuses_a_case_whose_centre_name_is_not_the_one_configured_for_its_code()
    {
        var contractCase = ApiDriver.SampleCase();
        contractCase["centre"]!["name"] = Chengdu;
        var approval = await _api.AsAsync("approval-system");
        var problem = await ApiDriver.ProblemAsync(await approval.PostAsJsonAsync("/api/v1/cases", ApiDriver.Intake(contractCase)), HttpStatusCode.BadRequest, "validation-failed");
        Assert.NotNull(problem["errors"]!["case.centre.name"]);
    }

    [Fact]
    public async Task Intake_refuses_a_centre_code_the_service_does_not_sign_for()
    {
        var contractCase = ApiDriver.SampleCase();
        contractCase["centre"]!["code"] = "91510000XXXXXXXXXX";
        var approval = await _api.AsAsync("approval-system");
        var problem = await ApiDriver.ProblemAsync(await approval.PostAsJsonAsync("/api/v1/cases", ApiDriver.Intake(contractCase)), HttpStatusCode.BadRequest, "validation-failed");
        Assert.NotNull(problem["errors"]!["case.centre.code"]);
    }

    [Fact]
    public async Task The_officer_and_seal_keys_follow_the_centre_code_even_when_the_stored_case_names_another_centre()
    {
        var opened = await _api.OpenCaseAsync();
        var caseId = opened["id"]!.GetValue<string>();
        // A case stored before intake checked names (or written around it) claims Chengdu while scoped to Deyang's code.
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
            var stored = await db.Cases.SingleAsync(c => c.Id == Guid.Parse(caseId));
            var json = JsonNode.Parse(stored.CaseJson)!;
            json["centre"]!["name"] = Chengdu;
            stored.CaseJson = json.ToJsonString();
            stored.Version = Guid.NewGuid();
            await db.SaveChangesAsync();
        }

        await _api.SignAndSealAsync(opened);

        var pdf = await (await _api.AsAsync("bank")).GetByteArrayAsync($"/api/v1/cases/{caseId}/documents/loan-contract");
        using var nss = new TrustedNss(factory.Pki.RootCa.Certificate.GetEncoded());
        var report = nss.Pdfsig(pdf);
        Assert.Contains($"Signer Certificate Common Name: {Deyang}", report);
        Assert.Contains("Signer Certificate Common Name: 王经办", report);
        Assert.DoesNotContain(Chengdu, report);
        Assert.DoesNotContain("赵经办", report);
    }
}
