var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/health/live", () => Results.Ok(new { status = "live" }));
app.Run();

/// <summary>Entry point marker so WebApplicationFactory can find the app in tests.</summary>
public partial class Program;
