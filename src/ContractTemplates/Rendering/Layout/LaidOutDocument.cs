namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>The result of layout: items per page and the reserved signature fields.</summary>
public sealed record LaidOutDocument(IReadOnlyList<IReadOnlyList<PageItem>> Pages, IReadOnlyList<SignatureSlot> Slots);
