namespace OneThing.ContractTemplates.Rendering.Layout;

/// <summary>The running position of the layout: the pages so far and how far down the current one is filled.</summary>
public sealed class LayoutCursor
{
    // A schedule page holds ~350 items; sizing up front avoids regrowing (and copying) the list per page.
    private const int ItemsPerPage = 400;
    private readonly List<List<PageItem>> _pages = [new List<PageItem>(ItemsPerPage)];
    private readonly List<SignatureSlot> _slots = [];

    public double Y { get; set; } = PageGeometry.ContentTop;
    public int PageIndex => _pages.Count - 1;
    public double Remaining => PageGeometry.ContentBottom - Y;
    public bool AtPageTop => Y <= PageGeometry.ContentTop;
    public IReadOnlyList<IReadOnlyList<PageItem>> Pages => _pages;
    public IReadOnlyList<SignatureSlot> Slots => _slots;

    public void Add(PageItem item) => _pages[^1].Add(item);

    public void AddSlot(SignatureSlot slot) => _slots.Add(slot);

    public void NewPage()
    {
        _pages.Add(new List<PageItem>(ItemsPerPage));
        Y = PageGeometry.ContentTop;
    }

    /// <summary>Starts a new page unless <paramref name="height"/> points still fit on this one.</summary>
    public void EnsureSpace(double height)
    {
        if (height > Remaining && !AtPageTop) NewPage();
    }
}
