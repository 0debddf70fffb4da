using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using OneThing.SigningApi.Core.Configuration;
using OneThing.SigningApi.Core.Security;

namespace OneThing.SigningApi.Web;

/// <summary>
/// The applicant's signing page (/sign/{link}), the staff console (/console) and the verification page
/// (/verify): static HTML/CSS/ES modules under wwwroot, served by this service with a strict CSP.
/// </summary>
public static class WebFrontEndExtensions
{
    public static WebApplicationBuilder AddWebFrontEnds(this WebApplicationBuilder builder)
    {
        InstalledWebRoot.Apply(builder.Environment, AppContext.BaseDirectory);
        builder.Services.AddValidatedOptions<WebFrontEndOptions, WebFrontEndOptionsValidator>(builder.Configuration, WebFrontEndOptions.SectionName);
        AddStaffSignIn(builder);
        return builder;
    }

    /// <summary>
    /// The pages' OpenID Connect client settings, defaulting the authority to the issuer the API trusts;
    /// checked now (one clear line) and again on start like every other options class.
    /// </summary>
    private static void AddStaffSignIn(WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection(AuthOptions.SectionName).Get<AuthOptions>() ?? new AuthOptions();
        void Default(StaffSignInOptions o)
        {
            if (string.IsNullOrWhiteSpace(o.Authority) && !string.IsNullOrWhiteSpace(auth.Authority)) o.Authority = auth.Authority;
        }
        var validator = new StaffSignInOptionsValidator(apiAcceptsExternalTokens: !auth.IsEmbedded);
        var section = builder.Configuration.GetSection(StaffSignInOptions.SectionName);
        builder.Services.AddOptions<StaffSignInOptions>().Bind(section).PostConfigure(Default).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StaffSignInOptions>>(validator);
        var now = section.Get<StaffSignInOptions>() ?? new StaffSignInOptions();
        Default(now);
        var result = validator.Validate(Options.DefaultName, now);
        if (result.Failed) throw new StartupConfigurationException($"configuration {StaffSignInOptions.SectionName}: {string.Join("; ", result.Failures)}");
    }

    /// <summary>Call before authentication: the pages and assets are public (the data behind them is not).</summary>
    public static WebApplication UseWebFrontEnds(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.MapWebEndpoints();
        var root = app.Environment.WebRootFileProvider;
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = root,
            // pdf.js ships ES modules as .mjs.
            ContentTypeProvider = new Microsoft.AspNetCore.StaticFiles.FileExtensionContentTypeProvider { Mappings = { [".mjs"] = "text/javascript" } },
        });
        foreach (var (route, file) in FrontEndPages.Routes)
        {
            app.MapGet(route, (HttpContext http) => ServePage(http, root, file)).AllowAnonymous().ExcludeFromDescription();
        }
        return app;
    }

    private static IResult ServePage(HttpContext http, IFileProvider root, string file)
    {
        var info = root.GetFileInfo(file);
        if (!info.Exists || info.PhysicalPath is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"The page {file} is not installed (wwwroot is missing).");
        }
        return Results.File(info.PhysicalPath, "text/html; charset=utf-8");
    }
}
