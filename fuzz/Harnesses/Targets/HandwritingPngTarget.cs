using System.Buffers.Binary;
using OneThing.Seal.Signing;
using OneThing.Seal.Signing.Appearances;
using OneThing.SigningApi.ApplicantSigning;

namespace OneThing.Fuzz.Harnesses.Targets;

/// <summary>
/// <c>handwriting-png</c>: an applicant's handwriting upload, through the gates of
/// <c>POST …/handwriting</c> (size, <see cref="PngImage"/> header check, full decode) and then the decode
/// signing does. Properties: the gates answer with a reason, never an exception; an image they accept
/// decodes for signing without error, at the size its header declares.
/// </summary>
public sealed class HandwritingPngTarget : IFuzzTarget
{
    public const string HarnessName = "handwriting-png";

    private readonly int _maxBytes = new ApplicantSigningOptions().MaxHandwritingBytes;

    public string Name => HarnessName;

    // libpng inside SkiaSharp is native (not instrumentable): coverage is of the managed gates and conversion.
    public IReadOnlyList<string> Instrumented => ["OneThing.SigningApi.dll OneThing.SigningApi.ApplicantSigning.PngImage", "OneThing.Seal.Signing.dll OneThing.Seal.Signing.Appearances.HandwritingImage"];

    public void Run(ReadOnlySpan<byte> input)
    {
        if (input.Length > _maxBytes)
        {
            return;
        }
        var png = input.ToArray();
        if (PngImage.Problem(png) is not null || HandwritingImage.Problem(png) is not null)
        {
            return;
        }
        HandwritingImage image;
        try
        {
            image = HandwritingImage.Decode(png);
        }
        catch (SigningException e)
        {
            throw new PropertyViolationException($"the upload gates accepted an image that signing cannot decode: {e.Message}", e);
        }
        var width = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16, 4));
        var height = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20, 4));
        if (image.Width != width || image.Height != height)
        {
            throw new PropertyViolationException($"the header says {width}×{height}, the decoded image is {image.Width}×{image.Height}");
        }
    }
}
