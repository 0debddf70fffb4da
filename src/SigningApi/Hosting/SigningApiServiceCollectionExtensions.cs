using Microsoft.AspNetCore.Http.Json;
using OneThing.SigningApi.Access;
using OneThing.SigningApi.Auth;
using OneThing.SigningApi.Documents;
using OneThing.SigningApi.Signing;
using OneThing.SigningApi.Persistence;
using OneThing.SigningApi.Problems;
using OneThing.SigningApi.Workflow;

namespace OneThing.SigningApi.Hosting;

public static class SigningApiServiceCollectionExtensions
{
    /// <summary>Composes the service: options, database, auth, problem details, OpenAPI and the resource services.</summary>
    public static WebApplicationBuilder AddSigningApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;
        configuration.AddShippedDefaults(builder.Environment);
        var root = services.AddValidatedOptions<OneThingOptions, OneThingOptionsValidator>(configuration, OneThingOptions.SectionName);
        var data = DataDirectory.Resolve(root, builder.Environment);
        services.AddSingleton(data);
        services.AddSingleton(TimeProvider.System);
        services.AddHostedService<StartBanner>();

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions.TryAdd("traceId", c.HttpContext.TraceIdentifier));
        // Handlers run in this order: a failed request's uncommitted revisions are removed before its problem is written.
        services.AddExceptionHandler<Documents.UncommittedRevisionsExceptionHandler>();
        services.AddExceptionHandler<ProblemExceptionHandler>();
        // Malformed JSON must surface as a 400 problem naming the fault, not an empty 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.Configure<JsonOptions>(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.AddOpenApi(o => o.AddDocumentTransformer<BearerSecurityDocumentTransformer>());

        services.AddCaseDatabase(configuration, data);
        services.AddOneThingAuth(configuration, data);
        services.AddApplicantAccess(configuration);
        services.AddCaseDocuments(configuration, data);
        services.AddCaseSigning(configuration);
        builder.AddCaseWorkflow();
        return builder;
    }
}
