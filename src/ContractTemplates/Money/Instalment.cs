namespace OneThing.ContractTemplates.Money;

/// <summary>One monthly instalment: its number (1-based), due date and amounts in fen; balance is what remains after it.</summary>
public sealed record Instalment(int Number, DateOnly DueDate, long PrincipalFen, long InterestFen, long PaymentFen, long RemainingBalanceFen);
