namespace OneThing.Web.Tests.Infrastructure;

/// <summary>One Chromium for all browser tests; they run one after another (2 cores, one browser).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public Browser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Two cores shared with other builds: a page that redraws a PDF or reloads a list can take longer than Playwright's 5 s default.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(30_000);
        Browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync() => await Browser.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
