using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OneThing.SigningApi.Audit;
using OneThing.SigningApi.Core.Entities;
using OneThing.Workflow.Tests.Support;

namespace OneThing.Workflow.Tests.Cluster;

/// <summary>
/// Two published instances behind nginx (scripts/cluster/up.sh) carry one case with every step going
/// through the proxy, so consecutive requests land on different instances: nothing a later request
/// needs may live in one instance's memory or folder.
/// </summary>
[Trait("Category", "ClusterProxy")]
[Collection(ClusterCollection.Name)]
public sealed class ClusterCaseTests(PublishedService app) : IDisposable
{
    private static readonly string[] Kinds = ["loan-contract", "mortgage-contract", "deduction-authorization"];
    private readonly string _scratch = Path.Combine(Path.GetTempPath(), "onething-cluster-tests", "evidence-" + Guid.NewGuid().ToString("N")[..8]);

    [Fact]
    public async Task Through_the_proxy_device_signing_completes_on_the_other_instance_both_applicants_sign_at_once_on_different_instances_and_every_instance_answers_good_OCSP_for_every_signer()
    {
        await using var cluster = await LocalCluster.StartAsync(app, 2, FastWorkflow);
        var driver = new Driver(cluster.Client, cluster.RecentLogs);
        var (caseId, application) = await driver.OpenAsync();
        var borrower = await driver.ReadyApplicantAsync(caseId, application, "王建国", "510603198804123574", "13881012345");
        var coBorrower = await driver.ReadyApplicantAsync(caseId, application, "李秀兰", "510603199007232844", "13990267788");

        // Both applicants sign on their phones' keys: prepare now, complete later.
        using var borrowerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var coBorrowerKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var borrowerPrepared = await PrepareAsync(borrower, caseId, borrowerKey, await ChallengeAsync(borrower, caseId));
        var borrowerPreparedOn = (await cluster.ProxyLogAsync(l => l.Any(IsPrepare))).Last(IsPrepare).AnsweredBy;
        var coChallenge = await ChallengeAsync(coBorrower, caseId);
        // Round robin: the co-borrower's prepare goes to the instance that did not answer the last request,
        // the co-borrower's challenge (the only request since the borrower's prepare).
        var challenged = await cluster.ProxyLogAsync(l => l.Any(IsPrepare) && l[^1].Path.EndsWith("/signing/challenge", StringComparison.Ordinal));
        if (challenged[^1].AnsweredBy != borrowerPreparedOn)
            await Driver.EnsureAsync(await cluster.Client().GetAsync("/health/live"), HttpStatusCode.OK);
        var coPrepared = await PrepareAsync(coBorrower, caseId, coBorrowerKey, coChallenge);
        var prepared = await cluster.ProxyLogAsync(l => l.Count(IsPrepare) == 2);
        var coPreparedOn = prepared.Last(IsPrepare).AnsweredBy;
        Assert.NotEqual(borrowerPreparedOn, coPreparedOn);

        // Round robin gives the next request to the instance that did not answer the last one; line the
        // borrower's completion up with the co-borrower's instance, and the co-borrower's with the borrower's.
        if (prepared[^1].AnsweredBy == coPreparedOn)
            await Driver.EnsureAsync(await cluster.Client().GetAsync("/health/live"), HttpStatusCode.OK);
        var borrowerCompletes = CompleteAsync(borrower, caseId, borrowerPrepared, borrowerKey, "complete-borrower-" + caseId);
        await Task.Delay(30);
        var coCompletes = CompleteAsync(coBorrower, caseId, coPrepared, coBorrowerKey, "complete-co-borrower-" + caseId);
        // Both prepared over the same revisions: whichever commits second finds its digests stale (409
        // signing-state-stale, nothing applied) and, as the phone does, prepares again and completes.
        var stale = 0;
        foreach (var (response, applicant, key, name) in new[] { (await borrowerCompletes, borrower, borrowerKey, "complete-borrower-"), (await coCompletes, coBorrower, coBorrowerKey, "complete-co-borrower-") })
        {
            if (response.StatusCode == HttpStatusCode.Conflict && (await response.Content.ReadAsStringAsync()).Contains("signing-state-stale", StringComparison.Ordinal))
            {
                stale++;
                var again = await PrepareAsync(applicant, caseId, key, await ChallengeAsync(applicant, caseId));
                await Driver.EnsureAsync(await CompleteAsync(applicant, caseId, again, key, name + "again-" + caseId), HttpStatusCode.OK);
            }
            else
            {
                await Driver.EnsureAsync(response, HttpStatusCode.OK);
            }
        }
        Assert.True(stale <= 1, "both simultaneous completions were refused as stale");
        var log = await cluster.ProxyLogAsync(l => l.Any(r => r.IdempotencyKey == "complete-borrower-" + caseId) && l.Any(r => r.IdempotencyKey == "complete-co-borrower-" + caseId));
        var borrowerCompletedOn = log.Single(r => r.IdempotencyKey == "complete-borrower-" + caseId).AnsweredBy;
        var coCompletedOn = log.Single(r => r.IdempotencyKey == "complete-co-borrower-" + caseId).AnsweredBy;
        Assert.NotEqual(borrowerCompletedOn, coCompletedOn);
        Assert.NotEqual(borrowerPreparedOn, borrowerCompletedOn);
        Assert.NotEqual(coPreparedOn, coCompletedOn);

        var officer = await driver.AsAsync("loan-officer", Driver.OfficerId);
        await Driver.EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/countersign", null), HttpStatusCode.OK);
        var sealer = await driver.AsAsync("seal-officer");
        await Driver.EnsureAsync(await sealer.PostAsync($"/api/v1/cases/{caseId}/seal", null), HttpStatusCode.OK);
        await driver.WaitForStatusAsync(caseId, "Completed", TimeSpan.FromSeconds(120));

        // Every step went through the proxy, none failed, and consecutive requests went to different instances
        // (round robin; only the two simultaneous completions may break the alternation).
        var answered = cluster.ProxyLog().Where(r => r.AnsweredBy is not null).ToList();
        Assert.All(answered, r => Assert.True(r.Status < 500, $"{r.Method} {r.Path}: {r.Status}"));
        Assert.Equal(cluster.Instances.Select(i => i.Authority).Order(), answered.Select(r => r.AnsweredBy!).Distinct().Order());
        var repeats = answered.Zip(answered.Skip(1)).Count(p => p.First.AnsweredBy == p.Second.AnsweredBy);
        Assert.True(repeats <= 2, $"{repeats} of {answered.Count - 1} consecutive requests went to the same instance");
        // One transition per state, up to Completed.
        var transitions = await ClusterDatabase.TransitionsAsync(cluster.Database);
        Assert.Contains(CaseStatus.Completed, transitions[application].Keys);
        Assert.All(transitions[application], t => Assert.Equal(1, t.Value));
        var auditor = await driver.AsAsync("auditor");
        var report = await auditor.GetFromJsonAsync<AuditIntegrityReport>("/api/v1/audit/verify");
        Assert.True(report!.Intact, report.Problem);

        // The sealed documents carry "good" OCSP evidence for every signer, and every instance's OCSP
        // responder, asked by openssl, answers "good" for every signer's certificate whichever instance issued it.
        foreach (var kind in Kinds)
        {
            var evidence = await SealedEvidence.ReadAsync(await auditor.GetByteArrayAsync($"/api/v1/cases/{caseId}/documents/{kind}"), Path.Combine(_scratch, kind));
            var signers = evidence.Signers.ToList();
            Assert.True(signers.Count >= 4, $"{kind}: {signers.Count} signer certificates in the DSS (borrower, co-borrower, officer, centre seal expected): {string.Join("; ", signers.Select(s => s.Subject))}");
            Assert.Contains(signers, s => s.Subject.Contains("王建国", StringComparison.Ordinal));
            Assert.Contains(signers, s => s.Subject.Contains("李秀兰", StringComparison.Ordinal));
            foreach (var signer in signers)
            {
                Assert.True(evidence.OcspStatusBySerial.TryGetValue(signer.Serial, out var status), $"{kind}: no OCSP response in the DSS for {signer.Subject} (serial {signer.Serial})");
                Assert.Equal("good", status);
                foreach (var instance in cluster.Instances)
                {
                    var ocsp = await Tool.RunAsync("openssl", ["ocsp", "-issuer", evidence.IssuerOf(signer).Path, "-cert", signer.Path, "-url", new Uri(instance, "/pki/ocsp").ToString(), "-noverify", "-no_nonce"]);
                    Assert.True(ocsp.Stdout.Contains($"{signer.Path}: good", StringComparison.Ordinal), $"{instance} on {signer.Subject}: {ocsp.Output}");
                }
            }
        }
    }

    [Fact]
    public async Task A_rolling_restart_in_the_middle_of_a_case_fails_no_request_and_the_case_completes()
    {
        await using var cluster = await LocalCluster.StartAsync(app, 2, FastWorkflow);
        var driver = new Driver(cluster.Client, cluster.RecentLogs);
        var (caseId, application) = await driver.OpenAsync();
        var auditor = await driver.AsAsync("auditor");

        // A client keeps reading the case through the proxy the whole time.
        using var stop = new CancellationTokenSource();
        var reads = Task.Run(async () =>
        {
            var failures = new List<string>();
            var count = 0;
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await auditor.GetAsync($"/api/v1/cases/{caseId}");
                    count++;
                    if (response.StatusCode != HttpStatusCode.OK) failures.Add($"{(int)response.StatusCode}");
                }
                catch (HttpRequestException e)
                {
                    failures.Add(e.Message);
                }
                await Task.Delay(20);
            }
            return (count, failures);
        });

        var borrower = await driver.ReadyApplicantAsync(caseId, application, "王建国", "510603198804123574", "13881012345");
        await cluster.StopAsync(0);
        await Driver.EnsureAsync(await borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.OK);
        var coBorrower = await driver.ReadyApplicantAsync(caseId, application, "李秀兰", "510603199007232844", "13990267788");
        await cluster.StartAgainAsync(0);
        // As deploy/README.md's rolling restart says: the next instance stops only once the proxy sends
        // the restarted one traffic again (nginx keeps a failed server out for fail_timeout, 3 s; stopping
        // the other within it leaves no live upstream: 502).
        await cluster.WaitUntilProxiedToAsync(0);
        await cluster.StopAsync(1);
        await Driver.EnsureAsync(await coBorrower.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.OK);
        var officer = await driver.AsAsync("loan-officer", Driver.OfficerId);
        await Driver.EnsureAsync(await officer.PostAsync($"/api/v1/cases/{caseId}/countersign", null), HttpStatusCode.OK);
        await cluster.StartAgainAsync(1);
        var sealer = await driver.AsAsync("seal-officer");
        await Driver.EnsureAsync(await sealer.PostAsync($"/api/v1/cases/{caseId}/seal", null), HttpStatusCode.OK);
        await driver.WaitForStatusAsync(caseId, "Completed", TimeSpan.FromSeconds(120));
        stop.Cancel();
        var (reads_, failures) = await reads;

        Assert.True(reads_ > 20, $"only {reads_} reads during the restarts");
        Assert.Empty(failures);
        Assert.DoesNotContain(cluster.ProxyLog(), r => r.Status >= 500);
        var transitions = await ClusterDatabase.TransitionsAsync(cluster.Database);
        Assert.All(transitions[application], t => Assert.Equal(1, t.Value));
    }

    /// <summary>The simulated registry and bank answer in 0.3 s instead of their realistic default.</summary>
    internal static readonly IReadOnlyDictionary<string, string?> FastWorkflow = new Dictionary<string, string?>
    {
        ["Workflow:Registry:Delay"] = "00:00:00.300",
        ["Workflow:Bank:Delay"] = "00:00:00.300",
    };

    /// <summary>A proof-of-possession challenge for the device key (from whichever instance the proxy picks).</summary>
    private static bool IsPrepare(ProxiedRequest request) => request.Path.EndsWith("/signing/prepare", StringComparison.Ordinal);

    private static async Task<string> ChallengeAsync(HttpClient applicant, string caseId)
    {
        var response = await applicant.PostAsync($"/api/v1/cases/{caseId}/signing/challenge", null);
        await Driver.EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["challenge"]!.GetValue<string>();
    }

    private static async Task<JsonObject> PrepareAsync(HttpClient applicant, string caseId, ECDsa key, string challenge)
    {
        var publicKey = Convert.ToBase64String(key.ExportSubjectPublicKeyInfo());
        var proof = Convert.ToBase64String(key.SignData(System.Text.Encoding.ASCII.GetBytes(challenge), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        var response = await applicant.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/prepare", new { publicKey, challenge, proof });
        await Driver.EnsureAsync(response, HttpStatusCode.OK);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>The device's signature values for a prepared state, under an Idempotency-Key that names the request in the proxy's log.</summary>
    private static Task<HttpResponseMessage> CompleteAsync(HttpClient applicant, string caseId, JsonObject prepared, ECDsa key, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/signing/complete") { Content = JsonContent.Create(Values(prepared, key)) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return applicant.SendAsync(request);
    }

    private static object Values(JsonObject prepared, ECDsa key) => new
    {
        stateId = prepared["stateId"]!.GetValue<string>(),
        signatures = prepared["documents"]!.AsArray().Select(d => new
        {
            kind = d!["kind"]!.GetValue<string>(),
            signatureValue = Convert.ToBase64String(key.SignHash(Convert.FromBase64String(d["digestToSign"]!.GetValue<string>()), DSASignatureFormat.IeeeP1363FixedFieldConcatenation)),
        }).ToArray(),
    };

    public void Dispose()
    {
        if (Directory.Exists(_scratch)) Directory.Delete(_scratch, recursive: true);
    }
}
