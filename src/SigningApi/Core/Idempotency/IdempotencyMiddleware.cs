using System.Security.Cryptography;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Security;
using OneThing.SigningApi.Persistence;

namespace OneThing.SigningApi.Core.Idempotency;

/// <summary>
/// Idempotency keys on state-changing POSTs: the first request under a key runs and its successful
/// response is stored; the same key with the same request replays that response without running
/// again; the same key with a different request is refused (422); a key whose first request is
/// still running gets 409. Keys are per caller (the token's subject; a caller without one cannot use
/// keys) and kept for <see cref="IdempotencyOptions.Retention"/>. Failed requests are not stored, so
/// they can be retried. The claim lives in the shared database with a short lease that the running
/// instance renews: should that instance die mid-request, the claim lapses within
/// <see cref="IdempotencyOptions.ClaimLease"/> and a retry (on any instance) takes it over; the
/// endpoints' own state checks then decide what a second run may do.
/// </summary>
internal sealed class IdempotencyMiddleware(RequestDelegate next, IServiceScopeFactory scopes, IOptions<IdempotencyOptions> options, TimeProvider time, ILogger<IdempotencyMiddleware> logger)
{
    private const int MaxKeyLength = 128;

    public async Task InvokeAsync(HttpContext http)
    {
        var key = http.Request.Headers[IdempotencyEndpointExtensions.HeaderName].ToString();
        if (http.GetEndpoint()?.Metadata.GetMetadata<IdempotentEndpoint>() is null || string.IsNullOrEmpty(key) || http.User.Identity?.IsAuthenticated != true)
        {
            await next(http);
            return;
        }
        if (key.Length > MaxKeyLength)
        {
            await WriteProblemAsync(http, StatusCodes.Status400BadRequest, "Invalid idempotency key", $"{IdempotencyEndpointExtensions.HeaderName} must be at most {MaxKeyLength} characters.", "invalid-idempotency-key");
            return;
        }

        // Keys are scoped per caller; without a subject every such caller would share one key space.
        if (http.User.FindFirst(OneThingClaims.Subject)?.Value is not { Length: > 0 } caller)
        {
            await WriteProblemAsync(http, StatusCodes.Status400BadRequest, "Idempotency key not allowed",
                $"{IdempotencyEndpointExtensions.HeaderName} needs a token with a subject (sub) claim; this token has none.", "idempotency-subject-required");
            return;
        }
        var requestHash = await HashRequestAsync(http);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();

        var record = await TryClaimAsync(db, caller, key, requestHash, http.RequestAborted);
        if (record is null)
        {
            var existing = await FindAsync(db, caller, key, http.RequestAborted);
            // A second claim only after taking over an abandoned one; should another retry win that race,
            // the key is in progress again.
            if (await TakeOverAbandonedAsync(db, existing, requestHash, http.RequestAborted)
                && (record = await TryClaimAsync(db, caller, key, requestHash, http.RequestAborted)) is null)
                existing = await FindAsync(db, caller, key, http.RequestAborted);
            if (record is null)
            {
                await ReplayOrRefuseAsync(http, existing, requestHash);
                return;
            }
        }

        var originalBody = http.Response.Body;
        using var captured = new MemoryStream();
        http.Response.Body = captured;
        var succeeded = false;
        using var renewing = new CancellationTokenSource();
        var renewal = RenewClaimAsync(record.Id, renewing.Token);
        try
        {
            await next(http);
            succeeded = http.Response.StatusCode is >= 200 and < 300;
        }
        finally
        {
            await renewing.CancelAsync();
            await renewal;
            http.Response.Body = originalBody;
            if (succeeded)
            {
                record.StatusCode = http.Response.StatusCode;
                record.ContentType = http.Response.ContentType;
                record.Location = http.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;
                record.Body = captured.ToArray();
            }
            else
            {
                db.IdempotencyRecords.Remove(record);
            }
            record.LeaseExpiresAt = null;
            await SettleAsync(db, record.Id);
        }
        captured.Position = 0;
        await captured.CopyToAsync(originalBody, http.RequestAborted);
    }

    /// <summary>
    /// Saves the request's outcome under its key. The endpoint has committed by now, so a database that is away for
    /// a moment (a restart, a failover) is waited for: were the outcome lost, the client's retry would run the
    /// endpoint again and be refused by its state check (409) although the first run succeeded.
    /// Not the request's token: the record must be settled even if the client went away.
    /// </summary>
    private async Task SettleAsync(SigningDbContext db, long id)
    {
        var deadline = time.GetUtcNow() + options.Value.SettleBudget;
        for (var pause = TimeSpan.FromMilliseconds(250); ; pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(2).Ticks)))
        {
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
                return;
            }
            catch (DbUpdateConcurrencyException)
            {
                // The claim lapsed (this instance could not renew it) and a retry took the key over; that retry's record stands.
                logger.LogWarning("Idempotency claim {Id} was taken over before this request settled it", id);
                return;
            }
            catch (Exception e) when (TransientDatabaseError.IsAnywhereIn(e) && time.GetUtcNow() + pause < deadline)
            {
                logger.LogWarning("Could not settle idempotency claim {Id} ({Error}); retrying in {Pause}", id, e.Message, pause);
                await Task.Delay(pause, time, CancellationToken.None);
            }
        }
    }

    /// <summary>Claims the key for this request (committed, so a concurrent request under it sees the claim); null when it is taken.</summary>
    private async Task<IdempotencyRecord?> TryClaimAsync(SigningDbContext db, string caller, string key, string requestHash, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var record = new IdempotencyRecord { Caller = caller, Key = key, RequestHash = requestHash, CreatedAt = now, LeaseExpiresAt = now + options.Value.ClaimLease };
        db.IdempotencyRecords.Add(record);
        try
        {
            await db.SaveChangesAsync(ct);
            return record;
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return null;
        }
    }

    private static Task<IdempotencyRecord> FindAsync(SigningDbContext db, string caller, string key, CancellationToken ct) =>
        db.IdempotencyRecords.AsNoTracking().SingleAsync(r => r.Caller == caller && r.Key == key, ct);

    /// <summary>
    /// Removes the record standing in the way of a new claim: one past the retention (as if already
    /// swept), or a claim of the same request whose lease lapsed (its instance died). False when there is none to take.
    /// </summary>
    private async Task<bool> TakeOverAbandonedAsync(SigningDbContext db, IdempotencyRecord existing, string requestHash, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expiredAt = now - options.Value.Retention;
        var expired = existing.CreatedAt < expiredAt && (existing.StatusCode is not null || existing.LeaseExpiresAt is null || existing.LeaseExpiresAt < now);
        var abandoned = existing.StatusCode is null && existing.RequestHash == requestHash && existing.LeaseExpiresAt is { } lease && lease < now;
        if (!expired && !abandoned) return false;
        // Conditional on what was read: of two retries racing for the key, one removes it and the other finds it gone;
        // a claim renewed in the meantime is not removed.
        var claim = db.IdempotencyRecords.Where(r => r.Id == existing.Id && r.StatusCode == existing.StatusCode && r.LeaseExpiresAt == existing.LeaseExpiresAt);
        return await db.WriteAsync(claim.ExecuteDeleteAsync, claim.ExecuteDelete, ct) == 1;
    }

    /// <summary>Extends this request's claim every third of the lease until the request settles, so only a dead instance's claim lapses.</summary>
    private async Task RenewClaimAsync(long id, CancellationToken ct)
    {
        var lease = options.Value.ClaimLease;
        try
        {
            while (true)
            {
                await Task.Delay(lease / 3, time, ct);
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<SigningDbContext>();
                var until = time.GetUtcNow() + lease;
                var claim = db.IdempotencyRecords.Where(r => r.Id == id && r.StatusCode == null);
                await db.WriteAsync(
                    c => claim.ExecuteUpdateAsync(s => s.SetProperty(r => r.LeaseExpiresAt, until), c),
                    () => claim.ExecuteUpdate(s => s.SetProperty(r => r.LeaseExpiresAt, until)), ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            // The request goes on; at worst its claim lapses and a retry runs, which the endpoints' state checks allow for.
            logger.LogWarning(e, "Could not renew idempotency claim {Id}", id);
        }
    }

    private static async Task ReplayOrRefuseAsync(HttpContext http, IdempotencyRecord existing, string requestHash)
    {
        if (existing.RequestHash != requestHash)
        {
            await WriteProblemAsync(http, StatusCodes.Status422UnprocessableEntity, "Idempotency key reused",
                $"The {IdempotencyEndpointExtensions.HeaderName} was already used for a different request; use a new key for a new request.", "idempotency-key-reused");
            return;
        }
        if (existing.StatusCode is null)
        {
            await WriteProblemAsync(http, StatusCodes.Status409Conflict, "Request in progress",
                "The first request with this idempotency key is still running; retry shortly.", "idempotency-in-progress");
            return;
        }
        http.Response.StatusCode = existing.StatusCode.Value;
        if (existing.ContentType is not null) http.Response.ContentType = existing.ContentType;
        if (existing.Location is not null) http.Response.Headers.Location = existing.Location;
        http.Response.Headers["Idempotent-Replayed"] = "true";
        if (existing.Body is { Length: > 0 } body) await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    private static async Task<string> HashRequestAsync(HttpContext http)
    {
        http.Request.EnableBuffering();
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(System.Text.Encoding.UTF8.GetBytes($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString}\n"));
        var buffer = new byte[16 * 1024];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, http.RequestAborted)) > 0) sha.AppendData(buffer, 0, read);
        http.Request.Body.Position = 0;
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }

    private static Task WriteProblemAsync(HttpContext http, int status, string title, string detail, string code)
    {
        http.Response.StatusCode = status;
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        return problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = new ProblemDetails { Status = status, Title = title, Detail = detail, Extensions = { ["code"] = code } },
        }).AsTask();
    }
}
