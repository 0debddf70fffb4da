
namespace OneThing.SigningApi.Core;

public enum BusTransport
{
    InMemory,
    RabbitMq,
}

/// <summary><c>OneThing:Workflow</c>, the core's part: the event bus, the outbox dispatcher and the expiry sweep (the registry and bank adapters are <c>PostSealOptions</c>).</summary>
public sealed class WorkflowOptions
{
    public const string SectionName = "OneThing:Workflow";

    public BusTransport Transport { get; set; } = BusTransport.InMemory;
    public RabbitMqOptions RabbitMq { get; set; } = new();
    public OutboxOptions Outbox { get; set; } = new();

    /// <summary>Queue name prefix, so several deployments can share one broker.</summary>
    public string QueuePrefix { get; set; } = "onething";

    /// <summary>How often cases whose signing period has ended are marked Expired (and CaseExpired published).</summary>
    public TimeSpan ExpirySweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// On shutdown, how long a consumer still at work (a registry call, say) may finish before it is
    /// cancelled and its message handed back to the broker for another instance. Must end well
    /// inside the host's shutdown timeout, or the channel closes before the message is returned.
    /// </summary>
    public TimeSpan ConsumerStopTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The bus's whole stop is given this long; it ends inside the host's default 30 s shutdown timeout.</summary>
    public static readonly TimeSpan MaxConsumerStopTimeout = TimeSpan.FromSeconds(20);
}

public sealed class RabbitMqOptions
{
    public string Host { get; set; } = "";
    public int Port { get; set; } = 5672;
    public string VirtualHost { get; set; } = "/";
    public string Username { get; set; } = "guest";
    public string Password { get; set; } = "guest";
}

public sealed class OutboxOptions
{
    /// <summary>Off only for maintenance: messages then wait in the outbox.</summary>
    public bool Enabled { get; set; } = true;
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);
    public int BatchSize { get; set; } = 50;

    /// <summary>How long one publish may wait for the broker before the message is retried later.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a dispatcher holds claimed rows; after that another instance may take them.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);
}
