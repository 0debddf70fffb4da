namespace OneThing.ContractTemplates.Rendering.Markup;

/// <summary>A block of a filled-in template, in reading order. See <see cref="MarkupParser"/> for the syntax.</summary>
public abstract record DocumentBlock;

/// <summary><c># text</c>: the document title.</summary>
public sealed record TitleBlock(string Text) : DocumentBlock;

/// <summary><c>&gt;&gt; text</c>: a right-aligned line under the title (contract number and the like).</summary>
public sealed record MetaLineBlock(string Text) : DocumentBlock;

/// <summary><c>## heading</c>: a numbered article; the layout prefixes 第一条, 第二条, ….</summary>
public sealed record ArticleBlock(string Heading) : DocumentBlock;

/// <summary>A paragraph; <paramref name="Indent"/> is false for <c>- text</c> lines.</summary>
public sealed record ParagraphBlock(string Text, bool Indent) : DocumentBlock;

/// <summary>Consecutive <c>| a | b |</c> lines: a bordered table whose odd columns are labels.</summary>
public sealed record TableBlock(IReadOnlyList<IReadOnlyList<string>> Rows) : DocumentBlock;

/// <summary><c>[[schedule]]</c>: the repayment schedule table, split across pages with its header repeated.</summary>
public sealed record ScheduleBlock : DocumentBlock;

/// <summary><c>[[signatures applicant co-applicant centre]]</c>: the signature block with one field per party.</summary>
public sealed record SignatureBlock(string ApplicantLabel, string CoApplicantLabel, string CentreLabel) : DocumentBlock;

/// <summary><c>[[pagebreak]]</c>.</summary>
public sealed record PageBreakBlock : DocumentBlock;
