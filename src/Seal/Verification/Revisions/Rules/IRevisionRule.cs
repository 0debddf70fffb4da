namespace OneThing.Seal.Verification.Revisions.Rules;

/// <summary>
/// One family of the changes a revision after a signature may or may not make (pages, form fields, annotations,
/// DSS, /Info, file structure). The analyzer runs every rule's whole-revision checks in a fixed order, then offers
/// each changed object to the rules in the same order until one judges it, so the report lists findings in a
/// stable order; a change no rule judges is disallowed.
/// </summary>
internal interface IRevisionRule
{
    /// <summary>Checks of the revision as a whole (trailer entries, what the DSS or the form refers to), made before any object.</summary>
    void CheckRevision(RevisionContext context)
    {
    }

    /// <summary>Judges <paramref name="change"/> and returns true when it belongs to this rule's family; false leaves it to the next rule.</summary>
    bool CheckObject(RevisionContext context, ObjectChange change);

    /// <summary>Findings that sum up the revision, made after every object was judged.</summary>
    void CompleteRevision(RevisionContext context)
    {
    }
}
