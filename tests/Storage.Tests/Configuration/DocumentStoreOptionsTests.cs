using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OneThing.Storage.Configuration;
using OneThing.Storage.Documents;
using OneThing.Storage.FileSystem;
using OneThing.Storage.S3;

namespace OneThing.Storage.Tests.Configuration;

public sealed class DocumentStoreOptionsTests
{
    private static IHost BuildHost(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddDocumentStore(builder.Configuration);
        return builder.Build();
    }

    [Fact]
    public async Task With_no_configuration_the_embedded_filesystem_store_is_used_and_its_folder_made_at_start()
    {
        var root = Path.Combine(Path.GetTempPath(), "onething-di-" + Guid.NewGuid().ToString("N"));
        using var host = BuildHost(new() { ["DocumentStore:FileSystem:RootPath"] = root });

        await host.StartAsync();
        var store = host.Services.GetRequiredService<IDocumentStore>();
        await host.StopAsync();

        Assert.IsType<FileSystemDocumentStore>(store);
        Assert.True(Directory.Exists(root));
        Directory.Delete(root, recursive: true);
    }

    [Fact]
    public void The_s3_provider_is_chosen_by_configuration()
    {
        using var host = BuildHost(new()
        {
            ["DocumentStore:Provider"] = "S3",
            ["DocumentStore:S3:Endpoint"] = "127.0.0.1:9000",
            ["DocumentStore:S3:AccessKey"] = "a",
            ["DocumentStore:S3:SecretKey"] = "b",
        });

        Assert.IsType<S3DocumentStore>(host.Services.GetRequiredService<IDocumentStore>());
    }

    [Fact]
    public async Task A_bad_setting_stops_start_up_with_one_clear_line_naming_it()
    {
        using var host = BuildHost(new()
        {
            ["DocumentStore:Provider"] = "S3",
            ["DocumentStore:S3:Endpoint"] = "http://minio:9000",
            ["DocumentStore:S3:AccessKey"] = "a",
            ["DocumentStore:S3:SecretKey"] = "b",
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        var line = Assert.Single(error.Failures);
        Assert.Equal("DocumentStore:S3:Endpoint must be host:port without a scheme (got 'http://minio:9000').", line);
    }

    [Theory]
    [InlineData("S3:Bucket", "Bad_Bucket", "DocumentStore:S3:Bucket 'Bad_Bucket' is not a valid bucket name")]
    [InlineData("S3:RetentionMode", "Compliance", "DocumentStore:S3:RetentionDays must be between 1 and 36500 when RetentionMode is Compliance.")]
    [InlineData("S3:AccessKey", "", "DocumentStore:S3:AccessKey and DocumentStore:S3:SecretKey are required for the S3 store.")]
    [InlineData("Resilience:TotalBudget", "00:00:00.5", "DocumentStore:Resilience:TotalBudget must be at least AttemptTimeout.")]
    [InlineData("DownloadLinks:MaxLifetime", "30.00:00:00", "DocumentStore:DownloadLinks:MaxLifetime must be positive and at most 7 days.")]
    [InlineData("Sweeper:GracePeriod", "00:00:05", "DocumentStore:Sweeper:GracePeriod must be at least one minute")]
    public void Each_bad_setting_is_named_in_its_own_line(string setting, string value, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Provider"] = "S3",
            ["S3:Endpoint"] = "127.0.0.1:9000",
            ["S3:AccessKey"] = "a",
            ["S3:SecretKey"] = "b",
            [setting] = value,
        }).Build();
        var options = configuration.Get<DocumentStoreOptions>()!;

        var result = new DocumentStoreOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var line = Assert.Single(result.Failures!);
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_production_configuration_is_valid_in_both_its_forms()
    {
        var config = Path.Combine(Support.PrivateS3Server.RepositoryRoot, "storage", "config");
        var fromJson = new ConfigurationBuilder().AddJsonFile(Path.Combine(config, "documentstore.production.json")).Build()
            .GetSection(DocumentStoreOptions.SectionName).Get<DocumentStoreOptions>()!;
        var fromEnv = new ConfigurationBuilder().AddInMemoryCollection(File.ReadAllLines(Path.Combine(config, "documentstore.env"))
                .Where(l => l.StartsWith("DocumentStore__", StringComparison.Ordinal))
                .Select(l => l.Split('=', 2))
                .Select(p => KeyValuePair.Create(p[0].Replace("__", ":", StringComparison.Ordinal), (string?)p[1])))
            .Build().GetSection(DocumentStoreOptions.SectionName).Get<DocumentStoreOptions>()!;

        foreach (var options in new[] { fromJson, fromEnv })
        {
            // the keys come from the deployment's secret store
            options.S3.AccessKey = "app";
            options.S3.SecretKey = "secret";
            var result = new DocumentStoreOptionsValidator().Validate(null, options);
            Assert.True(result.Succeeded, result.FailureMessage);
            Assert.Equal(DocumentStoreProvider.S3, options.Provider);
            Assert.Equal(RetentionMode.Compliance, options.S3.RetentionMode);
            Assert.Equal(10950, options.S3.RetentionDays);
        }
    }

    [Fact]
    public void The_defaults_are_valid()
    {
        Assert.True(new DocumentStoreOptionsValidator().Validate(null, new DocumentStoreOptions()).Succeeded);
    }
}
