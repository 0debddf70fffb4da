
namespace OneThing.SigningApi.Core.Configuration;

/// <summary>A component running on its built-in development default rather than production configuration.</summary>
public sealed record EmbeddedDefault(string Component, string Description);
