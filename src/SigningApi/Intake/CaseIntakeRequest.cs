using System.Text.Json;
using OneThing.SigningApi.Core.Entities;

namespace OneThing.SigningApi.Intake;

/// <summary>
/// Intake from the approval system: the contract case (ContractTemplates' JSON shape) plus how it is
/// to be signed. <paramref name="BankCode"/> identifies the entrusted bank for access scoping.
/// </summary>
public sealed record CaseIntakeRequest(JsonElement Case, string? BankCode, SigningOrder? SigningOrder, int? SigningDays);
