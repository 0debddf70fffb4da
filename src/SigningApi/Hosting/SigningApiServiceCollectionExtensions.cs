using Microsoft.AspNetCore.Http.Json;
using OneThing.SigningApi.Access;
using OneThing.SigningApi.ApplicantSigning;
using OneThing.SigningApi.Audit;
using OneThing.SigningApi.Auth;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Outbox;
using OneThing.SigningApi.Core.Problems;
using OneThing.SigningApi.Documents;
using OneThing.SigningApi.Intake;
using OneThing.SigningApi.Logging;
using OneThing.SigningApi.Notifications;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.PostSeal;
using OneThing.SigningApi.Staff;
using OneThing.SigningApi.Telemetry;
using OneThing.SigningApi.Verification;

namespace OneThing.SigningApi.Hosting;

public static class SigningApiServiceCollectionExtensions
{
    /// <summary>
    /// The service's composition: shipped defaults, the check that no development stand-in serves
    /// outside Development, root options and data folder, problem details,
    /// OpenAPI, then the case core and every feature. The event bus comes last because it collects
    /// the consumers the features registered.
    /// </summary>
    public static WebApplicationBuilder AddSigningApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        configuration.AddShippedDefaults(builder.Environment);
        DevelopmentStandIns.RequireProductionSettings(configuration, builder.Environment);
        builder.AddOneThingLogging();
        var root = services.AddValidatedOptions<OneThingOptions, OneThingOptionsValidator>(configuration, OneThingOptions.SectionName);
        var data = DataDirectory.Resolve(root, builder.Environment);
        services.AddSingleton(data);
        services.AddSingleton(CentreDirectory.Resolve(root, builder.Environment, services));
        services.AddSingleton(TimeProvider.System);
        services.AddForwardedClientAddress(configuration);
        services.AddHostedService<StartBanner>();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier));
        // Handlers run in this order: a failed request's uncommitted revisions are removed before its problem is written.
        services.AddExceptionHandler<UncommittedRevisionsExceptionHandler>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Malformed JSON must surface as a 400 problem naming the fault, not an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityDocumentTransformer>());
        services.AddValidatedOptions<ApiOptions, ApiOptionsValidator>(configuration, ApiOptions.SectionName);

        services.AddCaseDatabase(configuration, data);
        services.AddOneThingAuth(configuration, data);
        services.AddNotifications(configuration);
        services.AddApplicantAccess(configuration);
        services.AddCaseDocuments(configuration, data);
        services.AddCaseCore(configuration);
        services.AddCaseIntake(configuration);
        services.AddApplicantSigning(configuration);
        services.AddStaffSigning();
        services.AddUploadVerification(configuration);
        services.AddAuditTrail();
        services.AddPostSealSteps(configuration);
        services.AddCaseEventBus(configuration);
        services.AddTelemetry(configuration, builder.Environment);
        return builder;
    }
}
