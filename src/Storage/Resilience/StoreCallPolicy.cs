using Microsoft.Extensions.Logging;
using OneThing.Storage.Configuration;
using OneThing.Storage.Errors;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OneThing.Storage.Resilience;

/// <summary>
/// Runs one store operation inside a bounded time budget: each attempt has its own timeout, transient
/// failures are retried with exponential back-off and jitter, and when the budget or the retries run
/// out the caller gets <see cref="DocumentStoreUnavailableException"/> with a retry-after hint instead
/// of waiting on a dead server.
/// </summary>
public sealed class StoreCallPolicy
{
    private readonly ResiliencePipeline _pipeline;
    private readonly Func<Exception, bool> _isTransient;
    private readonly StoreResilienceOptions _options;
    private readonly string _storeName;
    private readonly ILogger _logger;

    /// <param name="isTransient">Which failures of this store are worth another attempt (connection refused, 5xx, timeouts).</param>
    public StoreCallPolicy(StoreResilienceOptions options, Func<Exception, bool> isTransient, string storeName, ILogger logger)
    {
        _options = options;
        _storeName = storeName;
        _logger = logger;
        _isTransient = e => e is TimeoutRejectedException || isTransient(e);
        var builder = new ResiliencePipelineBuilder()
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.TotalBudget });
        // Polly's retry needs at least one attempt: MaxRetries 0 means "one attempt within the budget"
        if (options.MaxRetries > 0)
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is { } e && _isTransient(e)),
                MaxRetryAttempts = options.MaxRetries,
                Delay = options.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                OnRetry = args =>
                {
                    StoreMetrics.Retries.Add(1);
                    _logger.LogWarning("Document store {Store}: attempt {Attempt} failed ({Error}); retrying in {Delay} ms",
                        _storeName, args.AttemptNumber + 1, args.Outcome.Exception?.Message, (int)args.RetryDelay.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
            });
        _pipeline = builder.AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout }).Build();
    }

    public TimeSpan RetryAfter => _options.RetryAfter;

    public async Task<T> ExecuteAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        try
        {
            return await _pipeline.ExecuteAsync(async token => await call(token).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        // A cancellation the caller did not ask for came from a timeout (ours, or the client's own
        // HttpClient timeout racing it), so it means "the store did not answer", never a 500.
        catch (Exception e) when (e is not DocumentStoreException && (e is OperationCanceledException || _isTransient(e)))
        {
            _logger.LogError("Document store {Store} unavailable: {Operation} failed within {Budget} s ({Error})",
                _storeName, operation, _options.TotalBudget.TotalSeconds, e.Message);
            throw Unavailable(operation, e);
        }
    }

    public Task ExecuteAsync(string operation, Func<CancellationToken, Task> call, CancellationToken cancellationToken) =>
        ExecuteAsync<bool>(operation, async token =>
        {
            await call(token).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>The typed error for a failure outside the pipeline (e.g. while streaming a listing).</summary>
    public DocumentStoreUnavailableException Unavailable(string operation, Exception cause) =>
        new($"The document store ({_storeName}) is unavailable: {operation} did not complete " +
            $"({(cause is TimeoutRejectedException or OperationCanceledException ? "timed out" : cause.Message)}). Try again later.",
            _options.RetryAfter, cause);

    public bool IsTransient(Exception e) => _isTransient(e);
}
