using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using OneThing.Web.Tests.Infrastructure;

namespace OneThing.Web.Tests;

/// <summary>The two small endpoints the staff pages rely on, on embedded defaults, and their OpenAPI description.</summary>
[Collection(BrowserCollection.Name)]
public sealed class WebEndpointTests
{
    [Fact]
    public async Task Embedded_mode_tells_the_pages_to_use_the_development_issuer_and_me_reads_the_token()
    {
        await using var service = RunningService.Start();
        var config = await service.Http.GetFromJsonAsync<JsonElement>("api/v1/web/config");
        Assert.Equal("development", config.GetProperty("mode").GetString());

        using (var anonymous = await service.Http.GetAsync("api/v1/web/me"))
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var me = await service.GetAsync<JsonElement>("api/v1/web/me",
            await service.TokenAsync("DY-0001", ["loan-officer", "auditor"], centre: RunningService.CentreCode));
        Assert.Equal("DY-0001", me.GetProperty("subject").GetString());
        Assert.Equal(new[] { "loan-officer", "auditor" }, me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray());
        Assert.Equal(RunningService.CentreCode, me.GetProperty("centre").GetString());

        var doc = await service.Http.GetFromJsonAsync<JsonObject>("openapi/v1.json");
        var paths = doc!["paths"]!.AsObject();
        Assert.True(paths.ContainsKey("/api/v1/web/config"), "OpenAPI lacks /api/v1/web/config");
        Assert.True(paths.ContainsKey("/api/v1/web/me"), "OpenAPI lacks /api/v1/web/me");
        Assert.Contains("403", paths["/api/v1/web/me"]!["get"]!["responses"]!.AsObject().Select(r => r.Key));
    }
}
