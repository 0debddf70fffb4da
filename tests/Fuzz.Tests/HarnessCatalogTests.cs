using OneThing.Fuzz.Harnesses;

namespace OneThing.Fuzz.Tests;

/// <summary>The harness list scripts/fuzz/run.sh --list prints, and what each one instruments.</summary>
public sealed class HarnessCatalogTests
{
    [Fact]
    public void Every_entry_point_of_the_brief_has_a_harness()
    {
        Assert.Equal(
            ["case-intake", "cms", "handwriting-png", "ocsp-request", "pdf-reader", "resident-id", "tsa-request", "verify"],
            FuzzTargets.Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_harness_instruments_assemblies_that_are_in_its_build_output()
    {
        foreach (var name in FuzzTargets.Names)
        {
            var target = FuzzTargets.Create(name);
            Assert.Equal(name, target.Name);
            Assert.NotEmpty(target.Instrumented);
            Assert.All(target.Instrumented, line => Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, line.Split(' ')[0])), $"{name}: {line}"));
        }
    }

    [Fact]
    public void An_unknown_harness_name_is_refused_naming_the_known_ones()
    {
        var e = Assert.Throws<ArgumentException>(() => FuzzTargets.Create("no-such-harness"));
        Assert.Contains("pdf-reader", e.Message);
    }
}
