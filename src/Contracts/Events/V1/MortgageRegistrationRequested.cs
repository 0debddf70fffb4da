namespace OneThing.Contracts.Events.V1;

/// <summary>
/// The real-estate registry is asked to register the mortgage (抵押登记) on the property. The registry
/// answers with <see cref="MortgageRegistered"/> (published on the bus, same case id).
/// </summary>
/// <param name="PropertyCertificateNumber">The property's ownership certificate number.</param>
/// <param name="PropertyAddress">The property address as on the mortgage contract.</param>
/// <param name="Registry">The registry named in the mortgage contract.</param>
/// <param name="SecuredAmountFen">The secured amount in fen (1/100 yuan).</param>
/// <param name="MortgageContract">The sealed mortgage contract revision the registration rests on.</param>
public sealed record MortgageRegistrationRequested(
    Guid CaseId,
    string ApplicationNumber,
    DateTimeOffset OccurredAt,
    string CentreCode,
    string Registry,
    string PropertyCertificateNumber,
    string PropertyAddress,
    long SecuredAmountFen,
    DocumentDigest MortgageContract) : ICaseEvent;
