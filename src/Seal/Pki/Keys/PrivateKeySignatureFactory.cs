using Org.BouncyCastle.Crypto;

namespace OneThing.Seal.Pki.Keys;

/// <summary>
/// Lets BouncyCastle generators (certificates, CRLs, OCSP, CMS, timestamp tokens) sign with an
/// <see cref="IPrivateKey"/>, so the key can stay in .NET/OpenSSL or a token.
/// </summary>
internal sealed class PrivateKeySignatureFactory(IPrivateKey key) : ISignatureFactory
{
    public object AlgorithmDetails { get; } = key.Algorithm.SignatureAlgorithmIdentifier();

    public IStreamCalculator<IBlockResult> CreateCalculator() => new Calculator(key);

    private sealed class Calculator(IPrivateKey key) : IStreamCalculator<IBlockResult>
    {
        private readonly KeptOpenStream _buffer = new();

        public Stream Stream => _buffer;

        public IBlockResult GetResult() => new Result(key.Sign(_buffer.GetBuffer().AsSpan(0, (int)_buffer.Length)));
    }

    /// <summary>BouncyCastle disposes the stream before asking for the result; keep the bytes readable.</summary>
    private sealed class KeptOpenStream : MemoryStream
    {
        protected override void Dispose(bool disposing)
        {
        }
    }

    private sealed class Result(byte[] signature) : IBlockResult
    {
        public byte[] Collect() => (byte[])signature.Clone();

        public int Collect(byte[] buf, int off)
        {
            signature.CopyTo(buf, off);
            return signature.Length;
        }

        public int Collect(Span<byte> output)
        {
            signature.CopyTo(output);
            return signature.Length;
        }

        public int GetMaxResultLength() => signature.Length;
    }
}
