
namespace OneThing.SigningApi.Core.Security;

/// <summary>A bearer token as handed to its holder.</summary>
public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt)
{
    public string TokenType => "Bearer";
}
