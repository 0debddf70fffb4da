using Microsoft.Playwright;

namespace OneThing.Web.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Playwright. Never lets Playwright download a browser: the executable
/// is /usr/bin/chromium (test.sh installs the `chromium` package) and a missing one fails loudly.
/// </summary>
public sealed class Browser : IAsyncDisposable
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] LaunchArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private Browser(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static async Task<Browser> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's Chromium (`apt-get install -y chromium`; test.sh does this).");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = LaunchArgs });
        return new Browser(playwright, browser);
    }

    /// <summary>
    /// An iPhone 13 (touch, mobile user agent) with its whole 390×844 screen as the viewport, in Chinese,
    /// Beijing time; <paramref name="screen"/> gives another phone's screen (a 360×640 one, say). With <paramref name="zoom"/> 2 the text is set to 200 %: the same screen, half as many
    /// CSS pixels each way. <paramref name="landscape"/> turns the phone on its side (844×390).
    /// </summary>
    public async Task<PageSession> PhoneAsync(Uri baseAddress, double zoom = 1, bool landscape = false, ViewportSize? screen = null)
    {
        var options = _playwright.Devices["iPhone 13"];
        options.ViewportSize = screen ?? (landscape ? new ViewportSize { Width = 844, Height = 390 } : new ViewportSize { Width = 390, Height = 844 });
        if (zoom != 1)
        {
            options.ViewportSize = new ViewportSize { Width = (int)(options.ViewportSize!.Width / zoom), Height = (int)(options.ViewportSize.Height / zoom) };
            options.DeviceScaleFactor = options.DeviceScaleFactor * (float)zoom;
        }
        options.BaseURL = baseAddress.ToString();
        options.Locale = "zh-CN";
        options.TimezoneId = "Asia/Shanghai";
        options.AcceptDownloads = true;
        return await PageSession.OpenAsync(await _browser.NewContextAsync(options));
    }

    /// <summary>A desktop window (an office screen, 1366×768); <paramref name="width"/> 683 emulates it at 200 % zoom.</summary>
    public async Task<PageSession> DesktopAsync(Uri baseAddress, int width = 1366, int height = 768) =>
        await PageSession.OpenAsync(await _browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = baseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "zh-CN",
            TimezoneId = "Asia/Shanghai",
            AcceptDownloads = true,
        }));

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}

/// <summary>One browser tab with its console watched: a CSP violation or script error fails the test.</summary>
public sealed class PageSession : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    public IPage Page { get; }
    public List<string> Problems { get; } = [];

    private PageSession(IBrowserContext context, IPage page)
    {
        _context = context;
        Page = page;
        page.Console += (_, m) =>
        {
            // Failed requests the test provoked on purpose (4xx problems, aborted requests) are logged as console errors too.
            if (m.Type == "error" && !m.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) Problems.Add(m.Text);
        };
        page.PageError += (_, e) => Problems.Add($"page error: {e}");
    }

    public static async Task<PageSession> OpenAsync(IBrowserContext context)
    {
        context.SetDefaultTimeout(60_000);
        return new PageSession(context, await context.NewPageAsync());
    }

    /// <summary>
    /// Keeps a screenshot of the page state and audits that state with axe (WCAG 2.1 A/AA): every state
    /// the tests capture is also checked for accessibility. <paramref name="audit"/> is false only for
    /// pages that are not the product's (the test identity provider's login form).
    /// </summary>
    public async Task ScreenshotAsync(string name, bool audit = true)
    {
        // What the person sees on the screen (not the whole scrolled page), at CSS pixel size so the PNGs stay small.
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Repository.ScreenshotDirectory, $"{name}.png"), Scale = ScreenshotScale.Css });
        if (audit) await Accessibility.AssertNoViolationsAsync(Page, name);
    }

    public void AssertNoProblems() => Assert.True(Problems.Count == 0, "browser console reported: " + string.Join(" | ", Problems));

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
