using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Logging;

/// <summary>A secret or personal datum of the case, and what it is.</summary>
public sealed record Secret(string What, string Value);

/// <summary>What one whole case put in the service's hands that must never reach its log.</summary>
public sealed record WholeCaseRun(Guid CaseId, Guid LockedCaseId, IReadOnlyList<Secret> Secrets);

/// <summary>
/// Runs one whole case on a <see cref="JsonLogFactory"/>, once per fixture: intake, both applicants
/// through link, identity and SMS code to their signatures, the countersignature, the seal, a bank
/// download through a download link, and the workflow on to Completed; then a second case whose
/// borrower's link is locked by wrong identities.
/// </summary>
public sealed partial class WholeCaseLogFixture : IAsyncLifetime
{
    public JsonLogFactory Factory { get; } = new();

    public WholeCaseRun Run { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var api = new ApiDriver(Factory);
        var sample = ApiDriver.SampleCase();
        var opened = await api.OpenCaseAsync(sample);
        var caseId = Guid.Parse(opened["id"]!.GetValue<string>());
        var application = opened["applicationNumber"]!.GetValue<string>();
        var secrets = new List<Secret>();

        var people = new[] { sample["borrower"]! }.Concat(sample["coBorrowers"]!.AsArray().Select(p => p!)).ToList();
        foreach (var person in people)
        {
            string Field(string name) => person[name]!.GetValue<string>();
            secrets.Add(new("name", Field("name")));
            secrets.Add(new("ID number", Field("idNumber")));
            secrets.Add(new("phone number", Field("phone")));
            secrets.Add(new("home address", Field("address")));
            secrets.Add(new("link token", await api.LinkTokenAsync(Field("phone"), application)));
            var applicant = await api.ApplicantAsync(application, Field("name"), Field("idNumber"), Field("phone"));
            secrets.Add(new("applicant access token", applicant.DefaultRequestHeaders.Authorization!.Parameter!));
            foreach (var sms in await api.SmsAsync(Field("phone")))
            {
                var code = CodePattern().Match(sms["text"]!.GetValue<string>());
                if (code.Success) secrets.Add(new("SMS code", code.Groups[1].Value));
            }
            await ApiDriver.EnsureAsync(await api.ReadConsentAndSignAsync(applicant, caseId.ToString()), HttpStatusCode.OK);
        }

        var officer = await api.AsAsync("loan-officer", subject: ApiDriver.OfficerId);
        await ApiDriver.EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/countersign", null), HttpStatusCode.OK);
        var sealer = await api.AsAsync("seal-officer");
        await ApiDriver.EnsureAsync(await sealer.PostAsync($"/api/v1/cases/{caseId}/seal", null), HttpStatusCode.OK);

        var bank = await api.AsAsync("bank");
        var link = await bank.PostAsync($"/api/v1/cases/{caseId}/documents/loan-contract/link", null);
        await ApiDriver.EnsureAsync(link, HttpStatusCode.OK);
        var url = new Uri((await link.Content.ReadFromJsonAsync<JsonObject>())!["url"]!.GetValue<string>());
        secrets.Add(new("download token", url.Segments[^1]));
        await ApiDriver.EnsureAsync(await api.Anonymous().GetAsync(url.PathAndQuery), HttpStatusCode.OK);

        await WaitUntilAsync(async () =>
            (await officer.GetFromJsonAsync<JsonObject>($"/api/v1/cases/{caseId}"))!["status"]!.GetValue<string>() == "Completed",
            "the case to complete");
        var locked = await api.OpenCaseAsync();
        var lockedCaseId = Guid.Parse(locked["id"]!.GetValue<string>());
        var lockedLink = await api.LinkTokenAsync(people[0]["phone"]!.GetValue<string>(), locked["applicationNumber"]!.GetValue<string>());
        secrets.Add(new("link token", lockedLink));
        var wrong = new { name = "赵志刚", idNumber = "510603197512304416" };
        secrets.Add(new("submitted name", wrong.name));
        secrets.Add(new("submitted ID number", wrong.idNumber));
        HttpResponseMessage last = null!;
        for (var attempt = 0; attempt < 5; attempt++)
            last = await api.Anonymous().PostAsJsonAsync($"/api/v1/access/{lockedLink}/identity", wrong);
        await ApiDriver.ProblemAsync(last, HttpStatusCode.Locked, "link-locked");
        Run = new WholeCaseRun(caseId, lockedCaseId, secrets);
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"waited 60 s for {what}");
            await Task.Delay(100);
        }
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }

    [GeneratedRegex(@"验证码为 (\d{6})")]
    private static partial Regex CodePattern();
}
