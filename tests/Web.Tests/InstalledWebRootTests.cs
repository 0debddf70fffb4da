using OneThing.SigningApi.Web;

namespace OneThing.Web.Tests;

/// <summary>
/// Where an installed build reads its pages: `dotnet publish` puts wwwroot beside the binary, while a
/// service manager starts it from another working directory (the content root). The cluster tests run
/// the publish output end to end; these pin the choice itself.
/// </summary>
public sealed class InstalledWebRootTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "onething-webroot-tests", Guid.NewGuid().ToString("N"));

    private string Folder(string name)
    {
        var path = Path.Combine(_root, name);
        Directory.CreateDirectory(path);
        return path;
    }

    [Fact]
    public void A_build_started_from_a_folder_without_wwwroot_serves_the_wwwroot_beside_its_binary()
    {
        var workingDirectory = Folder("var-lib-onething");
        var installed = Folder("opt-onething");
        Directory.CreateDirectory(Path.Combine(installed, "wwwroot"));

        Assert.Equal(Path.Combine(installed, "wwwroot"), InstalledWebRoot.Choose(null, workingDirectory, installed));
    }

    [Fact]
    public void A_wwwroot_under_the_content_root_wins_over_the_one_beside_the_binary()
    {
        var project = Folder("project");
        Directory.CreateDirectory(Path.Combine(project, "wwwroot"));
        var output = Folder("bin");
        Directory.CreateDirectory(Path.Combine(output, "wwwroot"));

        Assert.Equal(Path.Combine(project, "wwwroot"), InstalledWebRoot.Choose(null, project, output));
    }

    [Fact]
    public void Without_any_wwwroot_there_is_no_web_root_and_the_pages_answer_not_installed()
    {
        Assert.Null(InstalledWebRoot.Choose(null, Folder("a"), Folder("b")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }
}
