using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OneThing.Seal.Pki;
using OneThing.SigningApi.Audit;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Idempotency;
using OneThing.Workflow.Tests.Support;
using Org.BouncyCastle.Ocsp;
using Org.BouncyCastle.X509;

namespace OneThing.Workflow.Tests;

/// <summary>
/// Two instances of the service on one PostgreSQL database and one document store, each with its own
/// data folder (so nothing can pass between them through a shared disk): whatever a later request
/// needs must be in the shared engines, whichever instance it reaches.
/// </summary>
public sealed class ClusterTests : IDisposable
{
    private const string BorrowerName = "王建国";
    private const string BorrowerId = "510603198804123574";
    private const string BorrowerPhone = "13881012345";
    private readonly InstancePair _instances = new();

    [Fact]
    public async Task A_case_moves_between_instances_tokens_sms_device_signing_ocsp_and_crl_all_answer_on_both()
    {
        var (one, two) = Cluster();
        var onOne = new Driver(one);
        var onTwo = new Driver(two);

        // A staff token minted by one instance is accepted by the other (one development signing key).
        var approval = await onOne.AsAsync("approval-system");
        var opened = await WithClient(two, approval).PostAsJsonAsync("/api/v1/cases", new { @case = Driver.SampleCase(), bankCode = Driver.BankCode, signingOrder = "parallel", signingDays = 14 });
        await Driver.EnsureAsync(opened, HttpStatusCode.Created);
        var view = (await opened.Content.ReadFromJsonAsync<JsonObject>())!;
        var caseId = view["id"]!.GetValue<string>();
        var application = view["applicationNumber"]!.GetValue<string>();

        // The invitation SMS was sent by instance two; instance one lists it (the link flow reads it there),
        // and the applicant token instance one mints works on instance two.
        var borrower = await onOne.ReadyApplicantAsync(caseId, application, BorrowerName, BorrowerId, BorrowerPhone);
        using var device = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        // Proof of possession: the challenge comes from instance two and is checked by instance one (one shared challenge key).
        var challengeResponse = await WithClient(two, borrower).PostAsync($"/api/v1/cases/{caseId}/signing/challenge", null);
        await Driver.EnsureAsync(challengeResponse, HttpStatusCode.OK);
        var challenge = (await challengeResponse.Content.ReadFromJsonAsync<JsonObject>())!["challenge"]!.GetValue<string>();
        var prepareResponse = await borrower.PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/prepare", new
        {
            publicKey = Convert.ToBase64String(device.ExportSubjectPublicKeyInfo()),
            challenge,
            proof = Convert.ToBase64String(device.SignData(System.Text.Encoding.ASCII.GetBytes(challenge), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)),
        });
        await Driver.EnsureAsync(prepareResponse, HttpStatusCode.OK);
        var prepared = (await prepareResponse.Content.ReadFromJsonAsync<JsonObject>())!;
        var certificate = new X509Certificate(Convert.FromBase64String(prepared["certificate"]!.GetValue<string>()));
        var complete = await WithClient(two, borrower).PostAsJsonAsync($"/api/v1/cases/{caseId}/signing/complete", new
        {
            stateId = prepared["stateId"]!.GetValue<string>(),
            signatures = prepared["documents"]!.AsArray().Select(d => new
            {
                kind = d!["kind"]!.GetValue<string>(),
                signatureValue = Convert.ToBase64String(device.SignHash(Convert.FromBase64String(d["digestToSign"]!.GetValue<string>()), DSASignatureFormat.IeeeP1363FixedFieldConcatenation)),
            }).ToArray(),
        });
        await Driver.EnsureAsync(complete, HttpStatusCode.OK);

        // Instance one issued the borrower's certificate; both instances' OCSP answer good for it.
        var issuing = one.Services.GetRequiredService<ProductPki>().IssuingCa.Certificate;
        Assert.Equal(issuing, two.Services.GetRequiredService<ProductPki>().IssuingCa.Certificate);
        Assert.Null(await OcspStatusAsync(one, certificate, issuing));
        Assert.Null(await OcspStatusAsync(two, certificate, issuing));

        // Revoked through instance one: instance two's OCSP says revoked and its CRL lists it.
        one.Services.GetRequiredService<ProductPki>().Revoke(certificate.SerialNumber, Seal.Pki.Revocation.RevocationReason.Superseded);
        Assert.IsType<RevokedStatus>(await OcspStatusAsync(two, certificate, issuing));
        var crl = new X509CrlParser().ReadCrl(await two.CreateClient().GetByteArrayAsync("/pki/crl/issuing-ca.crl"));
        Assert.NotNull(crl.GetRevokedCertificate(certificate.SerialNumber));
    }

    [Fact]
    public async Task A_signature_waits_for_one_running_on_the_other_instance()
    {
        var (one, two) = Cluster();
        var onTwo = new Driver(two);
        var (caseId, application) = await onTwo.OpenAsync();
        var borrower = await onTwo.ReadyApplicantAsync(caseId, application, BorrowerName, BorrowerId, BorrowerPhone);

        // Instance one holds the case's gate, as a signature in progress there would.
        var held = await one.Services.GetRequiredService<CaseSigningGate>().EnterAsync(Guid.Parse(caseId), CancellationToken.None);
        var sign = borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null);
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(sign.IsCompleted, "the signature on instance two ran while instance one held the case");
        await held.DisposeAsync();
        await Driver.EnsureAsync(await sign.WaitAsync(TimeSpan.FromSeconds(60)), HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_idempotency_claim_is_renewed_while_its_request_runs_and_a_dead_instances_claim_lapses_within_seconds()
    {
        var (one, two) = Cluster(new() { ["OneThing:Idempotency:ClaimLease"] = "00:00:02" });
        var onOne = new Driver(one);
        var (caseId, application) = await onOne.OpenAsync();
        var borrower = await onOne.ReadyApplicantAsync(caseId, application, BorrowerName, BorrowerId, BorrowerPhone);
        var key = Guid.NewGuid().ToString();

        // A sign on instance one that runs far longer than the lease (held at the case's gate): the
        // same key on instance two stays "in progress" throughout, because instance one renews its claim.
        var held = await one.Services.GetRequiredService<CaseSigningGate>().EnterAsync(Guid.Parse(caseId), CancellationToken.None);
        var first = Send(borrower, caseId, key);
        for (var i = 0; i < 4; i++)
        {
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            var meanwhile = await Send(WithClient(two, borrower), caseId, key);
            Assert.Equal(HttpStatusCode.Conflict, meanwhile.StatusCode);
            Assert.Contains("idempotency-in-progress", await meanwhile.Content.ReadAsStringAsync());
        }
        await held.DisposeAsync();
        await Driver.EnsureAsync(await first, HttpStatusCode.OK);
        var replay = await Send(WithClient(two, borrower), caseId, key);
        await Driver.EnsureAsync(replay, HttpStatusCode.OK);
        Assert.Equal("true", replay.Headers.GetValues("Idempotent-Replayed").Single());

        // A claim nobody renews (its instance was killed mid-request) blocks a retry only until its lease ends.
        var orphan = Guid.NewGuid().ToString();
        await one.WithDbAsync(async db =>
        {
            db.IdempotencyRecords.Add(new IdempotencyRecord
            {
                Caller = $"applicant:{await PartyIdAsync(db, caseId)}", Key = orphan, RequestHash = RequestHash(caseId),
                CreatedAt = DateTimeOffset.UtcNow, LeaseExpiresAt = DateTimeOffset.UtcNow.AddSeconds(2),
            });
            return await db.SaveChangesAsync();
        });
        Assert.Equal(HttpStatusCode.Conflict, (await Send(WithClient(two, borrower), caseId, orphan)).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(3));
        // Taken over: the endpoint's own state check answers (already signed), not the stale claim.
        var retried = await Send(WithClient(two, borrower), caseId, orphan);
        Assert.Contains("already-signed", await retried.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_access_check_limit_holds_across_instances()
    {
        var (one, two) = Cluster(new() { ["OneThing:Access:ChecksPerWindow"] = "4", ["OneThing:Access:CheckWindow"] = "00:05:00" });
        var statuses = new List<HttpStatusCode>();
        foreach (var host in new[] { one, two, one, two, one, two })
            statuses.Add((await host.CreateClient().PostAsJsonAsync("/api/v1/access/no-such-link/identity", new { name = "x", idNumber = "y" })).StatusCode);
        // Four checks between them, then both refuse: a per-instance limit would have let all six through.
        Assert.All(statuses.Take(4), s => Assert.NotEqual(HttpStatusCode.TooManyRequests, s));
        Assert.All(statuses.Skip(4), s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task Two_instances_chaining_audit_entries_at_once_leave_one_chain_without_fork_or_gap()
    {
        var (one, two) = Cluster();
        var onOne = new Driver(one);
        var onTwo = new Driver(two);
        // Audit entries committed from both instances at once, each chaining as it goes.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? onOne : onTwo).OpenAsync()));
        await Task.WhenAll(
            Enumerable.Range(0, 6).Select(i => (i % 2 == 0 ? one : two).Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<AuditChainer>().Single().ChainPendingAsync(CancellationToken.None)));

        var indexes = await one.WithDbAsync(db => db.Set<AuditEntry>().Where(e => e.ChainIndex != null).OrderBy(e => e.ChainIndex).Select(e => e.ChainIndex!.Value).ToListAsync());
        Assert.Equal(Enumerable.Range(1, indexes.Count).Select(i => (long)i), indexes.Select(i => (long)i));
        Assert.Equal(0, await one.WithDbAsync(db => db.Set<AuditEntry>().CountAsync(e => e.ChainIndex == null)));
        var report = await (await onTwo.AsAsync("auditor")).GetFromJsonAsync<AuditIntegrityReport>("/api/v1/audit/verify");
        Assert.True(report!.Intact, report.Problem);
    }

    [Fact]
    public async Task Two_simultaneous_signs_of_one_field_on_two_instances_cannot_both_succeed()
    {
        var (one, two) = Cluster();
        var onOne = new Driver(one);
        var (caseId, application) = await onOne.OpenAsync();
        var borrower = await onOne.ReadyApplicantAsync(caseId, application, BorrowerName, BorrowerId, BorrowerPhone);
        var results = await Task.WhenAll(
            borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null),
            WithClient(two, borrower).PostAsync($"/api/v1/cases/{caseId}/sign", null));
        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.Conflict, results.Single(r => r.StatusCode != HttpStatusCode.OK).StatusCode);
        var documents = await one.WithDbAsync(db => db.Documents.Where(d => d.CaseId == Guid.Parse(caseId)).Select(d => d.Revision).ToListAsync());
        Assert.All(documents, r => Assert.Equal(2, r));
    }

    [Fact]
    public async Task One_idempotency_key_sent_to_two_instances_at_once_runs_once()
    {
        var (one, two) = Cluster();
        var approval = await new Driver(one).AsAsync("approval-system");
        var body = new { @case = Driver.SampleCase(), bankCode = Driver.BankCode, signingOrder = "parallel", signingDays = 14 };
        var key = Guid.NewGuid().ToString();
        var results = await Task.WhenAll(Post(approval), Post(WithClient(two, approval)));
        // One ran (201); the other either saw it in progress (409) or replayed its answer (201, replayed).
        Assert.Contains(results, r => r.StatusCode == HttpStatusCode.Created && !r.Headers.Contains("Idempotent-Replayed"));
        Assert.All(results, r => Assert.True(r.StatusCode is HttpStatusCode.Created or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        Assert.Equal(1, await one.WithDbAsync(db => db.Set<IdempotencyRecord>().CountAsync(r => r.Key == key)));
        Assert.Equal(1, await one.WithDbAsync(db => db.Cases.CountAsync()));

        Task<HttpResponseMessage> Post(HttpClient client)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(body) };
            request.Headers.Add("Idempotency-Key", key);
            return client.SendAsync(request);
        }
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string caseId, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/cases/{caseId}/sign");
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private static async Task<Guid> PartyIdAsync(OneThing.SigningApi.Persistence.SigningDbContext db, string caseId) =>
        await db.Parties.Where(p => p.CaseId == Guid.Parse(caseId) && p.Name == BorrowerName).Select(p => p.Id).SingleAsync();

    /// <summary>The middleware's request hash of a body-less sign POST (method, path, query, then the empty body).</summary>
    private static string RequestHash(string caseId) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"POST /api/v1/cases/{caseId}/sign\n")));

    /// <summary>Null for good, else the BouncyCastle status, as <paramref name="host"/>'s /pki/ocsp answers.</summary>
    private static async Task<object?> OcspStatusAsync(WorkflowHost host, X509Certificate certificate, X509Certificate issuer)
    {
        var generator = new OcspReqGenerator();
        generator.AddRequest(new CertificateID(CertificateID.DigestSha1, issuer, certificate.SerialNumber));
        using var content = new ByteArrayContent(generator.Generate().GetEncoded());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/ocsp-request");
        var response = await host.CreateClient().PostAsync("/pki/ocsp", content);
        var ocsp = new OcspResp(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(OcspRespStatus.Successful, ocsp.Status);
        return ((BasicOcspResp)ocsp.GetResponseObject()).Responses.Single().GetCertStatus();
    }

    /// <summary>A client of <paramref name="host"/> carrying the same bearer token as <paramref name="other"/>.</summary>
    private static HttpClient WithClient(WorkflowHost host, HttpClient other)
    {
        var client = host.CreateClient();
        client.DefaultRequestHeaders.Authorization = other.DefaultRequestHeaders.Authorization;
        return client;
    }

    /// <summary>Two started instances on a fresh PostgreSQL database and one shared document folder, each with its own data folder.</summary>
    private (WorkflowHost One, WorkflowHost Two) Cluster(Dictionary<string, string?>? extra = null) => _instances.Start(extra);

    public void Dispose() => _instances.Dispose();
}
