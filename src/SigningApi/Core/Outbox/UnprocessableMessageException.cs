
namespace OneThing.SigningApi.Core.Outbox;

/// <summary>A message whose data can never be processed: the bus does not retry it, it faults to the error queue.</summary>
public abstract class UnprocessableMessageException(string message) : Exception(message);
