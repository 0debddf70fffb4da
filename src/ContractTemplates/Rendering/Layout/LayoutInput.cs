using OneThing.ContractTemplates.Cases;
using OneThing.ContractTemplates.Money;

namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>What the layout needs besides the markup: the parties (for signature labels) and the schedule.</summary>
public sealed record LayoutInput(ContractCase Case, RepaymentSchedule Schedule);
