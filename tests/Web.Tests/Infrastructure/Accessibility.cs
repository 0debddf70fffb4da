using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace OneThing.Web.Tests.Infrastructure;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright) on a page as it stands, at the WCAG 2.0/2.1 level A and AA rules
/// and axe's best practices (unique landmarks, heading order, one main landmark).
/// No rule is switched off: a violation fails the test with every offending node listed.
/// The one undecided result let through is color-contrast where axe cannot work out the background
/// (text in a modal dialog over its backdrop: "partially overlaps other elements"); contrast still
/// fails whenever axe can decide, and the dialog uses the same colours as the pages it does check.
/// </summary>
public static class Accessibility
{
    // WCAG 2.1 A/AA, plus axe's best practices, which hold the landmark and heading-structure rules.
    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

    public static async Task AssertNoViolationsAsync(IPage page, string state)
    {
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. Tags] } });
        // "Incomplete" means axe could not decide and a person has to look: those fail too (that is how
        // duplicate ids across the console's several reports were found), with one exception below.
        var undecided = result.Incomplete.Where(i => i.Id != "color-contrast").ToList();
        if (result.Violations.Length == 0 && undecided.Count == 0) return;
        var report = new StringBuilder($"axe (WCAG 2.1 A/AA + best practices) in page state '{state}' ({page.Url}):");
        foreach (var (kind, items) in new[] { ("violation", result.Violations.ToList()), ("needs review", undecided) })
        {
            foreach (var v in items)
            {
                report.Append($"\n- {kind} {v.Id} ({v.Impact}): {v.Help}");
                foreach (var node in v.Nodes.Take(5))
                    report.Append($"\n    {string.Join(" ", node.Target)}: {node.Html} {string.Join(" ", node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message))}");
            }
        }
        Assert.Fail(report.ToString());
    }
}
