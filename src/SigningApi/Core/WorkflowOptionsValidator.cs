using Microsoft.Extensions.Options;

namespace OneThing.SigningApi.Core;

internal sealed class WorkflowOptionsValidator : IValidateOptions<WorkflowOptions>
{
    public ValidateOptionsResult Validate(string? name, WorkflowOptions o)
    {
        var failures = new List<string>();
        if (!Enum.IsDefined(o.Transport)) failures.Add($"Transport must be InMemory or RabbitMq (got {o.Transport})");
        if (o.Transport == BusTransport.RabbitMq)
        {
            if (string.IsNullOrWhiteSpace(o.RabbitMq.Host)) failures.Add("RabbitMq:Host is required when Transport is RabbitMq");
            if (o.RabbitMq.Port is < 1 or > 65535) failures.Add($"RabbitMq:Port must be 1..65535 (got {o.RabbitMq.Port})");
            if (string.IsNullOrWhiteSpace(o.RabbitMq.VirtualHost)) failures.Add("RabbitMq:VirtualHost is required");
            if (string.IsNullOrEmpty(o.RabbitMq.Username)) failures.Add("RabbitMq:Username is required");
        }
        if (string.IsNullOrWhiteSpace(o.QueuePrefix) || !o.QueuePrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.'))
            failures.Add("QueuePrefix must be ASCII letters, digits, '-' or '.'");
        Positive(failures, "ExpirySweepInterval", o.ExpirySweepInterval);
        if (o.ConsumerStopTimeout <= TimeSpan.Zero || o.ConsumerStopTimeout > WorkflowOptions.MaxConsumerStopTimeout)
            failures.Add($"ConsumerStopTimeout must be positive and at most {WorkflowOptions.MaxConsumerStopTimeout} (the bus's own stop limit)");
        Positive(failures, "Outbox:PollInterval", o.Outbox.PollInterval);
        Positive(failures, "Outbox:PublishTimeout", o.Outbox.PublishTimeout);
        Positive(failures, "Outbox:RetryDelay", o.Outbox.RetryDelay);
        Positive(failures, "Outbox:Lease", o.Outbox.Lease);
        if (o.Outbox.Lease <= o.Outbox.PublishTimeout) failures.Add("Outbox:Lease must be longer than Outbox:PublishTimeout");
        if (o.Outbox.BatchSize is < 1 or > 1000) failures.Add($"Outbox:BatchSize must be 1..1000 (got {o.Outbox.BatchSize})");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Positive(List<string> failures, string label, TimeSpan value)
    {
        if (value <= TimeSpan.Zero) failures.Add($"{label} must be positive");
    }
}
