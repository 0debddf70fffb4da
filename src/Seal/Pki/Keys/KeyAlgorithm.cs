namespace OneThing.Seal.Pki.Keys;

/// <summary>The key types the product creates and accepts. ECDSA P-256 is the default: fast and small signatures.</summary>
public enum KeyAlgorithm
{
    EcdsaP256,
    Rsa2048,
    Rsa3072,
}
