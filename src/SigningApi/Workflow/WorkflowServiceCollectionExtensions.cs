using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OneThing.SigningApi.Audit;
using OneThing.SigningApi.Hosting;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Problems;
using OneThing.SigningApi.Workflow.Adapters;
using OneThing.SigningApi.Workflow.Consumers;
using OneThing.SigningApi.Workflow.Outbox;

namespace OneThing.SigningApi.Workflow;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>
    /// The case workflow: state machine and outbox, the audit trail, MassTransit (in-memory by
    /// default, RabbitMQ by <c>OneThing:Workflow:Transport</c>) with the consumers, the dispatcher,
    /// and the registry and bank adapters (simulated unless configured External).
    /// </summary>
    public static WebApplicationBuilder AddCaseWorkflow(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var options = services.AddValidatedOptions<WorkflowOptions, WorkflowOptionsValidator>(builder.Configuration, WorkflowOptions.SectionName);

        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<CaseWorkflow>();
        services.AddSingleton<CaseLifecycle>();
        services.AddSingleton<PostSealSteps>();
        services.AddHostedService<OutboxDispatcher>();
        services.AddHostedService<CaseExpirySweeper>();

        // Audit: every saved timeline entry and transition gets its audit entry in the same SaveChanges.
        services.AddSingleton<AuditRecorder>();
        services.ConfigureDbContext<SqliteSigningDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<AuditRecorder>()));
        services.ConfigureDbContext<PostgresSigningDbContext>((sp, o) => o.AddInterceptors(sp.GetRequiredService<AuditRecorder>()));
        services.AddSingleton<AuditChainer>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditChainer>());
        services.AddScoped<AuditVerifier>();
        services.AddSingleton<EvidenceReportRenderer>();
        services.AddScoped<EvidenceReportService>();

        AddAdapters(services, options);
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
            // Signing goes on while the broker is away (events wait in the outbox), so an absent bus
            // makes the instance Degraded on /health/ready, never unready.
            x.ConfigureHealthCheckOptions(h =>
            {
                h.Name = "event-bus";
                h.MinimalFailureStatus = HealthStatus.Degraded;
            });
            x.AddConsumer<LoanApprovedConsumer>();
            x.AddConsumer<CaseSealedConsumer>();
            x.AddConsumer<MortgageRegistrationRequestedConsumer>();
            x.AddConsumer<MortgageRegisteredConsumer>();
            x.AddConsumer<DisbursementRequestedConsumer>();
            x.AddConsumer<LoanDisbursedConsumer>();
            x.AddConfigureEndpointsCallback((_, _, endpoint) =>
            {
                // Concurrent changes of one case lose on the concurrency token and are retried in a fresh scope;
                // data that can never be processed is not retried.
                endpoint.UseMessageRetry(r =>
                {
                    r.Ignore<InvalidLoanApprovalException>();
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
        return builder;
    }

    private static void AddAdapters(IServiceCollection services, WorkflowOptions options)
    {
        if (options.Registry.Mode == AdapterMode.Simulated)
        {
            services.AddSingleton<IMortgageRegistry, SimulatedMortgageRegistry>();
            services.AddSingleton(new EmbeddedDefault("mortgage registry", $"SIMULATOR answering after {options.Registry.Delay} (no real registration; External by OneThing:Workflow:Registry:Mode)"));
        }
        else
        {
            services.AddSingleton<IMortgageRegistry, ExternalMortgageRegistry>();
        }
        if (options.Bank.Mode == AdapterMode.Simulated)
        {
            services.AddSingleton<IBankDisbursement, SimulatedBankDisbursement>();
            services.AddSingleton(new EmbeddedDefault("bank", $"SIMULATOR disbursing after {options.Bank.Delay} (no money moves; External by OneThing:Workflow:Bank:Mode)"));
        }
        else
        {
            services.AddSingleton<IBankDisbursement, ExternalBankDisbursement>();
        }
    }
}
