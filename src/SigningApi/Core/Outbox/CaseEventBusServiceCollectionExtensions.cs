using MassTransit;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Problems;

namespace OneThing.SigningApi.Core.Outbox;

/// <summary>A MassTransit consumer a feature contributes to the case event bus.</summary>
public sealed record CaseEventConsumerRegistration(Type ConsumerType);

public static class CaseEventBusServiceCollectionExtensions
{
    /// <summary>Registers a consumer of case events; <see cref="AddCaseEventBus"/> puts it on the bus.</summary>
    public static IServiceCollection AddCaseEventConsumer<T>(this IServiceCollection services) where T : class, IConsumer
    {
        services.AddSingleton(new CaseEventConsumerRegistration(typeof(T)));
        return services;
    }

    /// <summary>
    /// MassTransit (in-memory by default, RabbitMQ by <c>OneThing:Workflow:Transport</c>) with every
    /// consumer the features registered. Call after the features' own registrations.
    /// </summary>
    public static IServiceCollection AddCaseEventBus(this IServiceCollection services, IConfiguration configuration)
    {
        // Validated by AddCaseCore; read again here because the transport is chosen now.
        var options = configuration.GetSection(WorkflowOptions.SectionName).Get<WorkflowOptions>() ?? new WorkflowOptions();
        var consumers = services.Where(d => d.ServiceType == typeof(CaseEventConsumerRegistration))
            .Select(d => ((CaseEventConsumerRegistration)d.ImplementationInstance!).ConsumerType).ToList();
        // Without a consumer stop timeout MassTransit waits for busy consumers until the host's own
        // shutdown timeout, and then cancels them while the channel is closing: the message is never
        // handed back and stays unacknowledged. Cancelling earlier returns it to the queue in time.
        services.AddOptions<MassTransitHostOptions>().Configure(o =>
        {
            o.ConsumerStopTimeout = options.ConsumerStopTimeout;
            o.StopTimeout = WorkflowOptions.MaxConsumerStopTimeout;
        });
        services.AddMassTransit(x =>
        {
            x.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(options.QueuePrefix, false));
            // MassTransit 8.4+ reports usage telemetry to its vendor's host from inside the service:
            // a connection nobody configured, from a machine that holds contracts. Never.
            x.DisableUsageTelemetry();
            // Signing goes on while the broker is away (events wait in the outbox), so an absent bus
            // makes the instance Degraded on /health/ready, never unready.
            x.ConfigureHealthCheckOptions(h =>
            {
                h.Name = "event-bus";
                h.MinimalFailureStatus = HealthStatus.Degraded;
            });
            foreach (var consumer in consumers) x.AddConsumer(consumer);
            x.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                // Concurrent changes of one case lose on the concurrency token and are retried in a fresh scope;
                // data that can never be processed is not retried.
                endpoint.UseMessageRetry(r =>
                {
                    r.Ignore<UnprocessableMessageException>();
                    r.Ignore<RequestValidationException>();
                    r.Ignore<ApiProblemException>();
                    r.Intervals(200, 500, 1000, 2000, 5000);
                });
            });
            if (options.Transport == BusTransport.RabbitMq)
            {
                x.UsingRabbitMq((context, cfg) =>
                {
                    var r = options.RabbitMq;
                    cfg.Host(r.Host, (ushort)r.Port, r.VirtualHost, h =>
                    {
                        h.Username(r.Username);
                        h.Password(r.Password);
                    });
                    cfg.ConfigureEndpoints(context);
                });
            }
            else
            {
                x.UsingInMemory((context, cfg) => cfg.ConfigureEndpoints(context));
                services.AddSingleton(new EmbeddedDefault("event bus", "MassTransit in-memory transport (events do not leave the process; RabbitMQ by OneThing:Workflow:Transport=RabbitMq)"));
            }
        });
        return services;
    }
}
