using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OneThing.SigningApi.Core.Idempotency;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Tests.Support;

namespace OneThing.SigningApi.Tests.Core;

/// <summary>
/// Idempotency keys are kept for the configured retention (default 24 h), then swept, and a key past
/// its retention no longer answers for the request; callers without a subject cannot use keys at all.
/// </summary>
public sealed class IdempotencyKeyTests(SigningApiFactory factory) : IClassFixture<SigningApiFactory>
{
    private readonly ApiDriver _api = new(factory);

    [Fact]
    public async Task A_token_without_a_subject_cannot_use_an_idempotency_key_and_nothing_is_opened()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TokenWithoutSubject("approval-system"));
        var before = await CountAsync(db => db.Cases.CountAsync());

        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(ApiDriver.Intake(ApiDriver.SampleCase())) };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        await ApiDriver.ProblemAsync(await client.SendAsync(request), HttpStatusCode.BadRequest, "idempotency-subject-required");

        Assert.Equal(before, await CountAsync(db => db.Cases.CountAsync()));
    }

    [Fact]
    public async Task The_default_retention_is_24_hours_and_a_bad_one_stops_start_up()
    {
        Assert.Equal(TimeSpan.FromHours(24), new IdempotencyOptions().Retention);
        var bad = new IdempotencyOptionsValidator().Validate(null, new IdempotencyOptions { Retention = TimeSpan.FromSeconds(5) });
        Assert.True(bad.Failed);
        Assert.Contains("OneThing:Idempotency:Retention", bad.FailureMessage);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_key_past_its_retention_no_longer_replays_and_the_sweep_removes_it_while_a_young_one_stays()
    {
        var approval = await _api.AsAsync("approval-system");
        var (oldKey, youngKey) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        await ApiDriver.EnsureAsync(await PostAsync(approval, oldKey, ApiDriver.SampleCase()), HttpStatusCode.Created);
        await ApiDriver.EnsureAsync(await PostAsync(approval, youngKey, ApiDriver.SampleCase()), HttpStatusCode.Created);
        await AgeAsync(oldKey, TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));

        // Past its retention the key is free: another request under it runs (201, not 422 key-reused).
        var reused = await PostAsync(approval, oldKey, ApiDriver.SampleCase());
        await ApiDriver.EnsureAsync(reused, HttpStatusCode.Created);
        Assert.False(reused.Headers.Contains("Idempotent-Replayed"));

        await AgeAsync(oldKey, TimeSpan.FromHours(25));
        var sweeper = factory.Services.GetServices<IHostedService>().OfType<IdempotencySweeper>().Single();
        Assert.True(await sweeper.SweepAsync(CancellationToken.None) >= 1);
        Assert.Equal(0, await CountAsync(db => db.IdempotencyRecords.CountAsync(r => r.Key == oldKey)));
        Assert.Equal(1, await CountAsync(db => db.IdempotencyRecords.CountAsync(r => r.Key == youngKey)));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string key, System.Text.Json.Nodes.JsonObject contractCase)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/cases") { Content = JsonContent.Create(ApiDriver.Intake(contractCase)) };
        request.Headers.Add("Idempotency-Key", key);
        return client.SendAsync(request);
    }

    private async Task AgeAsync(string key, TimeSpan age)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
        var record = await db.IdempotencyRecords.SingleAsync(r => r.Key == key);
        record.CreatedAt = DateTimeOffset.UtcNow - age;
        await db.SaveChangesAsync();
    }

    private async Task<int> CountAsync(Func<SigningDbContext, Task<int>> count)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await count(scope.ServiceProvider.GetRequiredService<SigningDbContext>());
    }

    /// <summary>A genuine development-issuer token (same key, issuer, audience) that carries roles but no sub claim.</summary>
    private string TokenWithoutSubject(string role)
    {
        var issuer = factory.Services.GetRequiredService<DevelopmentTokenIssuer>();
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = AuthSchemes.DevelopmentIssuer,
            Audience = "onething-api",
            Subject = new ClaimsIdentity([new Claim(OneThingClaims.Role, role)]),
            IssuedAt = now, NotBefore = now, Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(issuer.Key, SecurityAlgorithms.EcdsaSha256),
        });
    }
}
