using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Intake;

/// <summary>The officer's queue: search by contract number, case number or applicant name, sorting, paging with a total, counts per status.</summary>
public sealed class CaseListTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task Search_sort_and_paging_find_cases_by_contract_number_case_number_and_name_with_the_total_in_a_header()
    {
        var suffix = Random.Shared.Next(10000, 99999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var opened = new List<JsonObject>();
        foreach (var n in new[] { "1", "2", "3" })
        {
            var sample = ApiDriver.SampleCase($"L{suffix}{n}");
            if (n == "3") sample["coBorrowers"]![0]!["name"] = "赵一曼";
            opened.Add(await _api.OpenCaseAsync(sample));
        }
        var officer = await _api.AsAsync("loan-officer", ApiDriver.OfficerId);

        var page1 = await officer.GetAsync($"/api/v1/cases?q=DYGJJ-JK-2026-L{suffix}&sort=Application&descending=false&take=2");
        await ApiDriver.EnsureAsync(page1, HttpStatusCode.OK);
        Assert.Equal("3", page1.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal([$"DYGJJ-2026-L{suffix}1", $"DYGJJ-2026-L{suffix}2"], (await page1.Content.ReadFromJsonAsync<JsonArray>())!.Select(c => c!["applicationNumber"]!.GetValue<string>()));
        var page2 = await officer.GetFromJsonAsync<JsonArray>($"/api/v1/cases?q=DYGJJ-JK-2026-L{suffix}&sort=Application&descending=false&skip=2&take=2");
        Assert.Equal([$"DYGJJ-2026-L{suffix}3"], page2!.Select(c => c!["applicationNumber"]!.GetValue<string>()));

        var byCaseNumber = await officer.GetFromJsonAsync<JsonArray>($"/api/v1/cases?q=DYGJJ-2026-L{suffix}2");
        Assert.Equal(opened[1]["id"]!.GetValue<string>(), byCaseNumber!.Single()!["id"]!.GetValue<string>());
        var byName = await officer.GetFromJsonAsync<JsonArray>("/api/v1/cases?q=赵一曼");
        Assert.Equal(opened[2]["id"]!.GetValue<string>(), byName!.Single()!["id"]!.GetValue<string>());

        // Counts agree with what the list says is there.
        var counts = (await officer.GetFromJsonAsync<JsonObject>("/api/v1/cases/counts"))!;
        var all = await officer.GetAsync("/api/v1/cases?status=AwaitingSignatures&take=1");
        Assert.Equal(all.Headers.GetValues("X-Total-Count").Single(), counts["byStatus"]!["AwaitingSignatures"]!.GetValue<int>().ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0, counts["expiringWithin3Days"]!.GetValue<int>());

        // Another centre's officer sees none of them.
        var stranger = await _api.AsAsync("loan-officer", "XX-0001", centre: "99999999999999999X");
        Assert.Empty((await stranger.GetFromJsonAsync<JsonArray>($"/api/v1/cases?q=DYGJJ-JK-2026-L{suffix}"))!);
        Assert.Empty((await stranger.GetFromJsonAsync<JsonObject>("/api/v1/cases/counts"))!["byStatus"]!.AsObject());
    }
}
