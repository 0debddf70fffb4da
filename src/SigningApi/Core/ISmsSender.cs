
namespace OneThing.SigningApi.Core;

/// <summary>Sends a text message to a signer's phone on file (links and one-time codes).</summary>
public interface ISmsSender
{
    Task SendAsync(string phone, string text, CancellationToken cancellationToken);
}
