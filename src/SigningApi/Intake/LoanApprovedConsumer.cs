using System.Security.Claims;
using System.Text.Json;
using MassTransit;
using OneThing.Contracts.Events.V1;
using OneThing.SigningApi.Core;
using OneThing.SigningApi.Core.Entities;
using OneThing.SigningApi.Core.Security;

namespace OneThing.SigningApi.Intake;

/// <summary>
/// <see cref="LoanApproved"/> from the approval system opens a case through the same intake service
/// as <c>POST /api/v1/cases</c> (same validation, rendering, storage and invitations). Intake is
/// idempotent by application number, so a redelivery returns the case already opened. Invalid
/// data is not retried: the message faults to the error queue with the problem in its headers.
/// </summary>
public sealed class LoanApprovedConsumer(CaseIntakeService intake, ILogger<LoanApprovedConsumer> logger) : IConsumer<LoanApproved>
{
    public async Task Consume(ConsumeContext<LoanApproved> context)
    {
        var m = context.Message;
        var caseNumber = m.Case.ValueKind == JsonValueKind.Object && m.Case.TryGetProperty("caseNumber", out var n) ? n.GetString() : null;
        if (caseNumber != m.ApplicationNumber)
        {
            throw new InvalidLoanApprovalException($"LoanApproved applicationNumber '{m.ApplicationNumber}' differs from case.caseNumber '{caseNumber}'");
        }
        SigningOrder? order = m.SigningOrder is null ? null
            : Enum.TryParse<SigningOrder>(m.SigningOrder, ignoreCase: true, out var o) ? o
            : throw new InvalidLoanApprovalException($"LoanApproved signingOrder '{m.SigningOrder}' is not Parallel or Sequential");
        var caller = new ClaimsPrincipal(new ClaimsIdentity(
        [
            new Claim(OneThingClaims.Subject, $"bus:{m.ApprovedBy}"),
            new Claim(OneThingClaims.Role, Roles.ApprovalSystem),
        ], "bus", OneThingClaims.Subject, OneThingClaims.Role));
        var outcome = await intake.OpenAsync(new CaseIntakeRequest(m.Case, m.BankCode, order, m.SigningDays), caller,
            new ClientInfo(null, $"bus message {context.MessageId}"), context.CancellationToken);
        logger.LogInformation("LoanApproved {Application}: case {Case} {Outcome}", m.ApplicationNumber, outcome.Case.Id, outcome.Created ? "opened" : "already open");
    }
}
