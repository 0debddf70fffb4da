namespace OneThing.SigningApi.Hosting;

/// <summary>
/// Headers every response carries: <c>X-Content-Type-Options: nosniff</c>, so a browser never runs
/// an API answer (a JSON body echoing input, a PDF) as something else. Added when the response
/// starts, because the exception handler clears headers set earlier.
/// </summary>
internal sealed class ResponseHardening(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(static state =>
        {
            ((HttpResponse)state).Headers.XContentTypeOptions = "nosniff";
            return Task.CompletedTask;
        }, http.Response);
        return next(http);
    }
}
