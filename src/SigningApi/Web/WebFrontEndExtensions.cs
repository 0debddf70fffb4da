using Microsoft.Extensions.FileProviders;
using OneThing.SigningApi.Hosting;

namespace OneThing.SigningApi.Web;

/// <summary>
/// The applicant's signing page (/sign/{link}), the staff console (/console) and the verification page
/// (/verify): static HTML/CSS/ES modules under wwwroot, served by this service with a strict CSP.
/// </summary>
public static class WebFrontEndExtensions
{
    public static WebApplicationBuilder AddWebFrontEnds(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<WebFrontEndOptions, WebFrontEndOptionsValidator>(builder.Configuration, WebFrontEndOptions.SectionName);
        return builder;
    }

    /// <summary>Call before authentication: the pages and assets are public (the data behind them is not).</summary>
    public static WebApplication UseWebFrontEnds(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
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
