using System.Collections.Concurrent;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;

namespace OneThing.Seal.Pki.Keys.Pkcs11;

/// <summary>
/// A logged-in PKCS#11 token (an HSM, or SoftHSM2 in development and tests). Keys are generated
/// inside it as sensitive and non-extractable; only their public halves and signatures come out.
/// Sessions are pooled because a PKCS#11 session serves one operation at a time.
/// </summary>
public sealed class Pkcs11Token : IDisposable
{
    private readonly IPkcs11Library _library;
    private readonly ISlot _slot;
    private readonly ISession _loginSession;
    private readonly ConcurrentBag<ISession> _sessions = [];
    private readonly bool _ownsLibrary;

    private Pkcs11Token(IPkcs11Library library, ISlot slot, ISession loginSession, string label, bool ownsLibrary)
    {
        _library = library;
        _ownsLibrary = ownsLibrary;
        _slot = slot;
        _loginSession = loginSession;
        Label = label;
    }

    public string Label { get; }

    internal Pkcs11InteropFactories Factories { get; } = new();

    /// <summary>Loads <paramref name="libraryPath"/> for this token alone, finds the token and logs in as user.</summary>
    public static Pkcs11Token Open(string libraryPath, string tokenLabel, string pin)
    {
        var library = Pkcs11Module.LoadLibrary(libraryPath);
        try
        {
            return Open(library, libraryPath, tokenLabel, pin, ownsLibrary: true);
        }
        catch
        {
            library.Dispose();
            throw;
        }
    }

    /// <summary>Finds the token labelled <paramref name="tokenLabel"/> in an already loaded module and logs in as user.</summary>
    internal static Pkcs11Token Open(IPkcs11Library library, string libraryPath, string tokenLabel, string pin, bool ownsLibrary)
    {
        {
            var slot = library.GetSlotList(SlotsType.WithTokenPresent).FirstOrDefault(s => s.GetTokenInfo().Label.Trim() == tokenLabel)
                ?? throw new InvalidOperationException($"No PKCS#11 token labelled '{tokenLabel}' in {libraryPath}.");
            var session = slot.OpenSession(SessionType.ReadWrite);
            try
            {
                session.Login(CKU.CKU_USER, pin);
            }
            catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
            {
                // another handle of this process logged in already; the login is token-wide
            }
            catch (Pkcs11Exception e)
            {
                session.Dispose();
                throw new InvalidOperationException($"Cannot log in to PKCS#11 token '{tokenLabel}': {e.RV}.", e);
            }

            return new Pkcs11Token(library, slot, session, tokenLabel, ownsLibrary);
        }
    }

    /// <summary>Generates a key pair inside the token under <paramref name="keyLabel"/>; the private key is sensitive and never extractable.</summary>
    public Pkcs11PrivateKey GenerateKeyPair(string keyLabel, KeyAlgorithm algorithm)
    {
        if (TryFindPrivateKeyHandle(keyLabel) is not null)
        {
            throw new InvalidOperationException($"The token '{Label}' already holds a key labelled '{keyLabel}'.");
        }
        if (algorithm == KeyAlgorithm.Sm2)
        {
            // PKCS#11 3.x defines no SM2 mechanism (vendors use private CKM values) and SoftHSM2 has none: see docs/sm2.md.
            throw new NotSupportedException("SM2 keys cannot be generated in a PKCS#11 token: the standard defines no SM2 mechanism and SoftHSM2 offers none.");
        }

        var a = Factories.ObjectAttributeFactory;
        var id = Guid.NewGuid().ToByteArray();
        var publicTemplate = new List<IObjectAttribute>
        {
            a.Create(CKA.CKA_TOKEN, true), a.Create(CKA.CKA_PRIVATE, false), a.Create(CKA.CKA_VERIFY, true),
            a.Create(CKA.CKA_LABEL, keyLabel), a.Create(CKA.CKA_ID, id),
        };
        var privateTemplate = new List<IObjectAttribute>
        {
            a.Create(CKA.CKA_TOKEN, true), a.Create(CKA.CKA_PRIVATE, true), a.Create(CKA.CKA_SIGN, true),
            a.Create(CKA.CKA_SENSITIVE, true), a.Create(CKA.CKA_EXTRACTABLE, false),
            a.Create(CKA.CKA_LABEL, keyLabel), a.Create(CKA.CKA_ID, id),
        };
        CKM mechanism;
        if (algorithm.IsEcdsa())
        {
            publicTemplate.Add(a.Create(CKA.CKA_EC_PARAMS, SecObjectIdentifiers.SecP256r1.GetEncoded()));
            mechanism = CKM.CKM_EC_KEY_PAIR_GEN;
        }
        else
        {
            publicTemplate.Add(a.Create(CKA.CKA_MODULUS_BITS, (ulong)algorithm.RsaKeySize()));
            publicTemplate.Add(a.Create(CKA.CKA_PUBLIC_EXPONENT, new byte[] { 1, 0, 1 }));
            mechanism = CKM.CKM_RSA_PKCS_KEY_PAIR_GEN;
        }

        WithSession(session => session.GenerateKeyPair(Factories.MechanismFactory.Create(mechanism), publicTemplate, privateTemplate, out _, out _));
        return FindPrivateKey(keyLabel);
    }

    /// <summary>The private key labelled <paramref name="keyLabel"/>, with its public half read from the token.</summary>
    public Pkcs11PrivateKey FindPrivateKey(string keyLabel)
    {
        var privateHandle = TryFindPrivateKeyHandle(keyLabel)
            ?? throw new InvalidOperationException($"The PKCS#11 token '{Label}' holds no private key labelled '{keyLabel}'.");
        var (publicKey, algorithm) = ReadPublicKey(keyLabel);
        return new Pkcs11PrivateKey(this, privateHandle, publicKey, algorithm, keyLabel);
    }

    /// <summary>Reads attributes of the private key, e.g. to prove CKA_EXTRACTABLE is false.</summary>
    public IReadOnlyDictionary<CKA, bool> ReadPrivateKeyFlags(string keyLabel, params CKA[] attributes)
    {
        var handle = TryFindPrivateKeyHandle(keyLabel) ?? throw new InvalidOperationException($"No private key '{keyLabel}'.");
        return WithSession(session => session.GetAttributeValue(handle, [.. attributes])
            .Select((value, i) => (attributes[i], value.GetValueAsBool()))
            .ToDictionary(p => p.Item1, p => p.Item2));
    }

    internal T WithSession<T>(Func<ISession, T> action)
    {
        var session = _sessions.TryTake(out var pooled) ? pooled : _slot.OpenSession(SessionType.ReadWrite);
        try
        {
            return action(session);
        }
        finally
        {
            _sessions.Add(session);
        }
    }

    private void WithSession(Action<ISession> action) => WithSession(session =>
    {
        action(session);
        return 0;
    });

    private IObjectHandle? TryFindPrivateKeyHandle(string keyLabel) => WithSession(session => session.FindAllObjects(
    [
        Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY),
        Factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, keyLabel),
    ]).FirstOrDefault());

    private (AsymmetricKeyParameter Key, KeyAlgorithm Algorithm) ReadPublicKey(string keyLabel) => WithSession(session =>
    {
        var handle = session.FindAllObjects(
        [
            Factories.ObjectAttributeFactory.Create(CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY),
            Factories.ObjectAttributeFactory.Create(CKA.CKA_LABEL, keyLabel),
        ]).FirstOrDefault() ?? throw new InvalidOperationException($"The PKCS#11 token '{Label}' holds no public key labelled '{keyLabel}'.");
        var keyType = (CKK)session.GetAttributeValue(handle, [CKA.CKA_KEY_TYPE])[0].GetValueAsUlong();
        if (keyType == CKK.CKK_EC)
        {
            var values = session.GetAttributeValue(handle, [CKA.CKA_EC_PARAMS, CKA.CKA_EC_POINT]);
            var curve = (DerObjectIdentifier)Asn1Object.FromByteArray(values[0].GetValueAsByteArray());
            if (!curve.Equals(SecObjectIdentifiers.SecP256r1))
            {
                throw new NotSupportedException($"Token key '{keyLabel}' is on curve {curve}; only P-256 is supported.");
            }

            var x9 = ECNamedCurveTable.GetByOid(curve);
            var point = Asn1OctetString.GetInstance(values[1].GetValueAsByteArray()).GetOctets(); // CKA_EC_POINT is a DER OCTET STRING
            return ((AsymmetricKeyParameter)new ECPublicKeyParameters("EC", x9.Curve.DecodePoint(point), curve), KeyAlgorithm.EcdsaP256);
        }

        if (keyType == CKK.CKK_RSA)
        {
            var values = session.GetAttributeValue(handle, [CKA.CKA_MODULUS, CKA.CKA_PUBLIC_EXPONENT]);
            var rsa = new RsaKeyParameters(false, new BigInteger(1, values[0].GetValueAsByteArray()), new BigInteger(1, values[1].GetValueAsByteArray()));
            return (rsa, KeyAlgorithms.FromPublicKey(rsa));
        }

        throw new NotSupportedException($"Token key '{keyLabel}' has unsupported type {keyType}.");
    });

    public void Dispose()
    {
        while (_sessions.TryTake(out var session))
        {
            session.Dispose();
        }

        _loginSession.Dispose();
        if (_ownsLibrary)
        {
            _library.Dispose();
        }
    }
}
