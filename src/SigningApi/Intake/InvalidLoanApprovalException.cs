using OneThing.SigningApi.Core.Outbox;

namespace OneThing.SigningApi.Intake;

/// <summary>A LoanApproved message that can never be processed (retrying would not help).</summary>
public sealed class InvalidLoanApprovalException(string message) : UnprocessableMessageException(message);
