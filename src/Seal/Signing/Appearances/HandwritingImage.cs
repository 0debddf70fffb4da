using OneThing.Seal.Pdf.Filters;
using OneThing.Seal.Pdf.Objects;
using OneThing.Seal.Pdf.Writing;
using SkiaSharp;

namespace OneThing.Seal.Signing.Appearances;

/// <summary>
/// A handwritten signature PNG as PDF image XObjects: the colour as 8-bit DeviceRGB and, unless every
/// pixel is opaque, the transparency as a DeviceGray /SMask — what PDFsharp embeds for the same PNG.
/// Decoded (by Skia's libpng) and deflated once; every document of a case gets a copy of the same bytes.
/// </summary>
public sealed class HandwritingImage
{
    private readonly byte[] _colour;
    private readonly byte[]? _alpha;

    private HandwritingImage(int width, int height, byte[] colour, byte[]? alpha)
    {
        Width = width;
        Height = height;
        _colour = colour;
        _alpha = alpha;
    }

    public int Width { get; }
    public int Height { get; }

    /// <exception cref="SigningException">The bytes are not a decodable PNG.</exception>
    public static HandwritingImage Decode(byte[] png)
    {
        using var bitmap = DecodePixels(png);
        var info = bitmap.Info;
        var rgba = bitmap.GetPixelSpan();
        var pixels = info.Width * info.Height;
        var colour = new byte[pixels * 3];
        var alpha = new byte[pixels];
        var opaque = true;
        for (int i = 0, c = 0; i < pixels; i++, c += 3)
        {
            var p = rgba.Slice(i * 4, 4);
            colour[c] = p[0];
            colour[c + 1] = p[1];
            colour[c + 2] = p[2];
            alpha[i] = p[3];
            opaque &= p[3] == 255;
        }
        return new HandwritingImage(info.Width, info.Height, FlateDecoder.Encode(colour), opaque ? null : FlateDecoder.Encode(alpha));
    }

    /// <summary>Null when <paramref name="png"/> decodes completely, else why not (for refusing an upload before anyone signs with it).</summary>
    public static string? Problem(byte[] png)
    {
        try
        {
            using var _ = DecodePixels(png);
            return null;
        }
        catch (SigningException e)
        {
            return e.Message;
        }
    }

    private static SKBitmap DecodePixels(byte[] png)
    {
        using var data = SKData.CreateCopy(png);
        using var codec = SKCodec.Create(data);
        if (codec is null || codec.EncodedFormat != SKEncodedImageFormat.Png)
        {
            throw new SigningException("the handwritten signature is not a readable PNG image");
        }
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var bitmap = new SKBitmap(info);
        var result = codec.GetPixels(info, bitmap.GetPixels());
        if (result != SKCodecResult.Success)
        {
            bitmap.Dispose();
            throw new SigningException($"the handwritten signature is not a readable PNG image: {result}");
        }
        return bitmap;
    }

    /// <summary>Adds the image (and its soft mask) to <paramref name="writer"/>'s update.</summary>
    public PdfReference AddTo(IncrementalUpdateWriter writer)
    {
        var image = Dictionary("DeviceRGB");
        // Smoothing when scaled, as PDFsharp asks for its PNGs.
        image["Interpolate"] = PdfBoolean.True;
        if (_alpha is not null)
        {
            image["SMask"] = writer.Add(new PdfStream(Dictionary("DeviceGray"), _alpha));
        }
        return writer.Add(new PdfStream(image, _colour));
    }

    private PdfDictionary Dictionary(string colourSpace) => new()
    {
        ["Type"] = new PdfName("XObject"),
        ["Subtype"] = new PdfName("Image"),
        ["Width"] = new PdfInteger(Width),
        ["Height"] = new PdfInteger(Height),
        ["ColorSpace"] = new PdfName(colourSpace),
        ["BitsPerComponent"] = new PdfInteger(8),
        ["Filter"] = new PdfName("FlateDecode"),
    };
}
