namespace OneThing.Storage.Errors;

/// <summary>Base of every error a document store reports on purpose.</summary>
public abstract class DocumentStoreException : Exception
{
    protected DocumentStoreException(string message, Exception? innerException = null) : base(message, innerException)
    {
    }
}
