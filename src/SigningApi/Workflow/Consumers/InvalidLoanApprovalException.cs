namespace OneThing.SigningApi.Workflow.Consumers;

/// <summary>A LoanApproved message that can never be processed (retrying would not help).</summary>
public sealed class InvalidLoanApprovalException(string message) : Exception(message);
