
namespace OneThing.SigningApi.Core;

/// <summary>How a phone number appears in timelines, events, logs and answers: enough to recognise it, not enough to call it.</summary>
public static class PhoneMask
{
    public static string Mask(string phone) => phone.Length < 7 ? "***" : $"{phone[..3]}****{phone[^4..]}";
}
