
namespace OneThing.SigningApi.Core.Configuration;

/// <summary>A setting stops start-up; the message is the one line the operator sees.</summary>
public sealed class StartupConfigurationException(string message) : Exception(message);
