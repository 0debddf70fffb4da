using System.Globalization;

namespace OneThing.SigningApi.Core;

/// <summary>Times as the people of the centre and its borrowers read them: Beijing time (UTC+8, no daylight saving).</summary>
public static class BeijingTime
{
    private static readonly TimeSpan Offset = TimeSpan.FromHours(8);

    /// <summary>e.g. 2026年12月21日 18:00（北京时间）.</summary>
    public static string Format(DateTimeOffset at) =>
        at.ToOffset(Offset).ToString("yyyy年M月d日 HH:mm", CultureInfo.InvariantCulture) + "（北京时间）";

    /// <summary>The calendar day in Beijing, e.g. 2026年12月21日 (a disbursement at 23:30 UTC is the next day there).</summary>
    public static string FormatDate(DateTimeOffset at) =>
        at.ToOffset(Offset).ToString("yyyy年M月d日", CultureInfo.InvariantCulture);
}
