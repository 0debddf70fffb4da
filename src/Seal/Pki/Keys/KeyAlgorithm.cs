namespace OneThing.Seal.Pki.Keys;

/// <summary>
/// The key types the product creates and accepts. ECDSA P-256 is the default (the "international" family):
/// fast and small signatures. <see cref="Sm2"/> is the national (国密) family: SM2 keys on sm2p256v1,
/// signatures SM3withSM2 with the GM/T 0009 distinguishing ID.
/// </summary>
public enum KeyAlgorithm
{
    EcdsaP256,
    Rsa2048,
    Rsa3072,
    Sm2,
}
