using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using OneThing.SigningApi.Notifications;
using OneThing.Workflow.Tests.Support;

namespace OneThing.Workflow.Tests.Cluster;

/// <summary>
/// SMS through a real gateway: Debian's Kannel (bearerbox + smsbox, scripts/services/start-kannel.sh) with
/// its fake SMSC standing in for the operator. The signing link and the one-time code leave the service
/// through the SMS outbox and Kannel's sendsms interface; the applicant reads them from what the fake
/// SMSC received and signs; the operator's delivery reports come back through the proxy.
/// </summary>
// Not yet passing (docs/testing note in README): excluded from test.sh until fixed; run with --filter Category=ClusterProxy.
[Trait("Category", "ClusterProxy")]
[Collection(ClusterCollection.Name)]
public sealed partial class KannelSmsTests(PublishedService app)
{
    [Fact]
    public async Task The_signing_link_and_code_go_out_through_Kannel_under_the_configured_signature_and_the_applicant_signs_from_the_received_messages()
    {
        var runDir = Path.Combine(Path.GetTempPath(), "onething-cluster-tests", "kannel-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(runDir);
        var started = await Tool.RunAsync("bash", [Path.Combine(Driver.RepositoryRoot(), "scripts", "services", "start-kannel.sh")], new Dictionary<string, string?> { ["ONETHING_RUN_DIR"] = runDir });
        if (started.ExitCode != 0) throw new Xunit.Sdk.XunitException($"start-kannel.sh: {started.Stderr}");
        var kannel = Export().Matches(started.Stdout).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        try
        {
            await using var cluster = await LocalCluster.StartAsync(app, 1, new Dictionary<string, string?>(ClusterCaseTests.FastWorkflow)
            {
                ["Sms:Provider"] = "Kannel",
                ["Sms:Kannel:SendUrl"] = kannel["ONETHING_KANNEL_SENDSMS_URL"],
                ["Sms:Kannel:Username"] = kannel["ONETHING_KANNEL_USER"],
                ["Sms:Kannel:Password"] = kannel["ONETHING_KANNEL_PASSWORD"],
                ["Sms:Kannel:From"] = "10690000",
                ["Sms:Signature"] = "德阳公积金",
            });
            var phoneLog = kannel["ONETHING_KANNEL_PHONE_LOG"];
            var seen = new Dictionary<string, int>();
            var driver = new Driver(cluster.Client, cluster.RecentLogs, async phone =>
            {
                // Each read expects one more message than the last (first the link, then the code).
                seen[phone] = seen.GetValueOrDefault(phone) + 1;
                return await ReceivedAsync(phoneLog, phone, seen[phone], cluster);
            });
            var (caseId, application) = await driver.OpenAsync();
            var borrower = await driver.ReadyApplicantAsync(caseId, application, "王建国", "510603198804123574", "13881012345");
            await Driver.EnsureAsync(await borrower.PostAsync($"/api/v1/cases/{caseId}/sign", null), HttpStatusCode.OK);

            var received = await ReceivedAsync(phoneLog, "13881012345", 2, cluster);
            Assert.All(received, text => Assert.StartsWith("【德阳公积金】", text, StringComparison.Ordinal));
            Assert.Contains(received, text => text.Contains(application, StringComparison.Ordinal) && text.Contains("/sign/", StringComparison.Ordinal));
            Assert.Contains(received, text => text.Contains("验证码为", StringComparison.Ordinal));

            // The outbox rows were handed over and the fake operator's reports (8 accepted, 1 delivered) came back.
            var rows = await WaitForAsync(async () =>
            {
                var list = await ClusterDatabase.QueryAsync(cluster.Database, db => db.Set<SmsOutboxMessage>().AsNoTracking().Where(m => m.Phone == "13881012345").ToListAsync());
                return list.Count >= 2 && list.All(m => m.DeliveryStatus is not null) ? list : null;
            }, TimeSpan.FromSeconds(60), "delivery reports for the borrower's messages");
            Assert.All(rows, m => Assert.Equal(SmsOutboxState.Sent, m.State));
            Assert.All(rows, m => Assert.Contains(m.DeliveryStatus!.Value, new[] { 1, 8 }));
            Assert.Contains(cluster.ProxyLog(), r => r.Path.StartsWith("/api/v1/sms/delivery-reports/", StringComparison.Ordinal) && r.Status == 204);
        }
        finally
        {
            await Tool.RunAsync("bash", [Path.Combine(runDir, "kannel.stop")]);
        }
    }

    /// <summary>The texts the fake SMSC received for <paramref name="phone"/>, newest first, once there are at least <paramref name="count"/>.</summary>
    private static Task<IReadOnlyList<string>> ReceivedAsync(string phoneLog, string phone, int count, LocalCluster cluster) =>
        WaitForAsync<IReadOnlyList<string>>(() =>
        {
            var texts = PhoneTexts(File.ReadLines(phoneLog), phone);
            return Task.FromResult<IReadOnlyList<string>?>(texts.Count >= count ? texts : null);
        }, TimeSpan.FromSeconds(60), $"{count} message(s) to {phone} at the fake SMSC; the service's log:{Environment.NewLine}{cluster.RecentLogs(40)}");

    /// <summary>
    /// What the phone shows, newest first: a text longer than one SMS (70 UCS-2 characters) arrives as
    /// parts with a concatenation header (3GPP TS 23.040 9.2.3.24.1: IEI 0, reference, total, sequence
    /// number; IEI 8 with a 16-bit reference), which the phone joins once every part is there.
    /// </summary>
    private static List<string> PhoneTexts(IEnumerable<string> lines, string phone)
    {
        var texts = new List<string>();
        var parts = new Dictionary<int, (int Total, SortedDictionary<int, byte[]> Received)>();
        foreach (var m in lines.Select(l => Received().Match(l)).Where(m => m.Success && m.Groups["to"].Value == phone))
        {
            var payload = UrlBytes(m.Groups["text"].Value);
            if (m.Groups["udh"].Success)
            {
                // fakesmsc prints a part's UCS-2 payload as "data"; the service sends every text as UCS-2.
                var (reference, total, sequence) = Concatenation(UrlBytes(m.Groups["udh"].Value));
                if (!parts.TryGetValue(reference, out var message)) parts[reference] = message = (total, new SortedDictionary<int, byte[]>());
                message.Received[sequence] = payload;
                if (message.Received.Count < message.Total) continue;
                texts.Add(Encoding.BigEndianUnicode.GetString(message.Received.Values.SelectMany(b => b).ToArray()));
                parts.Remove(reference);
            }
            else
            {
                texts.Add(m.Groups["coding"].Value == "ucs-2" ? Encoding.BigEndianUnicode.GetString(payload) : m.Groups["text"].Value);
            }
        }
        texts.Reverse();
        return texts;
    }

    private static (int Reference, int Total, int Sequence) Concatenation(byte[] udh)
    {
        // udh[0] is the header's length; then information elements: id, length, data.
        for (var i = 1; i + 1 < udh.Length; i += 2 + udh[i + 1])
        {
            if (udh[i] == 0x00 && udh[i + 1] == 3) return (udh[i + 2], udh[i + 3], udh[i + 4]);
            if (udh[i] == 0x08 && udh[i + 1] == 4) return ((udh[i + 2] << 8) | udh[i + 3], udh[i + 4], udh[i + 5]);
        }
        throw new Xunit.Sdk.XunitException($"a message part without a concatenation header: {Convert.ToHexString(udh)}");
    }

    /// <summary>fakesmsc prints binary and UCS-2 payloads URL-encoded (big-endian UTF-16 bytes for UCS-2).</summary>
    private static byte[] UrlBytes(string text) => WebUtility.UrlDecodeToBytes(Encoding.ASCII.GetBytes(text), 0, text.Length);

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what) where T : class
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await probe() is { } found) return found;
            await Task.Delay(250);
        }
        throw new Xunit.Sdk.XunitException($"no {what} within {timeout}");
    }

    [GeneratedRegex(@"Got message \d+: <(?<from>\S+) (?<to>\S+) (?:udh (?<udh>\S+) data|(?<coding>ucs-2|text)) (?<text>.*)>\s*$")]
    private static partial Regex Received();

    [GeneratedRegex(@"^export (\w+)=(.*)$", RegexOptions.Multiline)]
    private static partial Regex Export();
}
