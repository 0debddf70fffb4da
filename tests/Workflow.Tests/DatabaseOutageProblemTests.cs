using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OneThing.SigningApi.Core.Problems;

namespace OneThing.Workflow.Tests;

/// <summary>
/// A database that is away for a moment (restart, failover) is a 503 the client retries with its
/// Idempotency-Key, not a 500 that ends its case; a real error of the database stays a 500.
/// </summary>
public sealed class DatabaseOutageProblemTests
{
    public static TheoryData<string, Exception> Transient => new()
    {
        { "server shut down (57P01) while saving", new DbUpdateException("save failed", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", PostgresErrorCodes.AdminShutdown)) },
        { "starting up (57P03)", new PostgresException("the database system is starting up", "FATAL", "FATAL", PostgresErrorCodes.CannotConnectNow) },
        { "connection reset mid-query", new InvalidOperationException("transient failure", new NpgsqlException("Exception while reading from stream", new IOException("Connection reset by peer"))) },
    };

    [Theory]
    [MemberData(nameof(Transient))]
    public async Task A_transient_database_failure_is_503_database_unavailable_with_Retry_After(string what, Exception exception)
    {
        var (http, problem) = await HandleAsync(exception);
        Assert.True(problem.Status == 503, what);
        Assert.Equal("database-unavailable", problem.Extensions["code"]);
        Assert.Equal("1", http.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task A_constraint_violation_stays_a_500()
    {
        var (_, problem) = await HandleAsync(new DbUpdateException("save failed", new PostgresException("duplicate key", "ERROR", "ERROR", PostgresErrorCodes.UniqueViolation)));
        Assert.Equal(500, problem.Status);
    }

    private static async Task<(HttpContext, ProblemDetails)> HandleAsync(Exception exception)
    {
        var problems = new Captured();
        var http = new DefaultHttpContext();
        await new ProblemExceptionHandler(problems, NullLogger<ProblemExceptionHandler>.Instance).TryHandleAsync(http, exception, CancellationToken.None);
        return (http, problems.Problem!);
    }

    private sealed class Captured : IProblemDetailsService
    {
        public ProblemDetails? Problem { get; private set; }

        public ValueTask WriteAsync(ProblemDetailsContext context)
        {
            Problem = context.ProblemDetails;
            return ValueTask.CompletedTask;
        }
    }
}
