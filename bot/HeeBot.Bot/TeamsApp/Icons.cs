using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;

namespace HeeBot.Bot.TeamsApp;

/// <summary>
/// The app's two icons, drawn here rather than shipped as binaries: a speech bubble with three dots. The colour icon
/// is 192x192, white on the accent colour; the outline icon 32x32, white on transparent, as Teams requires.
/// Shapes are sampled 4x4 per pixel for smooth edges and written as RGBA PNGs (zlib from the BCL, CRC-32 from
/// System.IO.Hashing).
/// </summary>
internal static class Icons
{
    public const int ColorSize = 192;
    public const int OutlineSize = 32;

    private static readonly (byte R, byte G, byte B, byte A) White = (255, 255, 255, 255);
    private static readonly (byte R, byte G, byte B, byte A) AccentColour = (0x00, 0x5E, 0xB8, 255);
    private static readonly (byte R, byte G, byte B, byte A) Transparent = (0, 0, 0, 0);

    public static byte[] Color() => Png(ColorSize, (x, y) =>
    {
        // On the accent colour: the white bubble, with the dots cut out of it in the accent colour.
        var white = Bubble(x, y, inset: 0) && !Dots(x, y);
        return white ? White : AccentColour;
    });

    public static byte[] Outline() => Png(OutlineSize, (x, y) =>
    {
        // White only: the bubble's outline and the dots; everything else transparent.
        var white = (Bubble(x, y, inset: 0) && !Bubble(x, y, inset: 0.085)) || Dots(x, y);
        return white ? White : Transparent;
    });

    /// <summary>A rounded rectangle with a tail at the bottom left, in unit coordinates (0..1), shrunk by <paramref name="inset"/>.</summary>
    private static bool Bubble(double x, double y, double inset)
    {
        const double left = 0.12, top = 0.16, right = 0.88, bottom = 0.70, radius = 0.14;
        var (l, t, r, b, rad) = (left + inset, top + inset, right - inset, bottom - inset, Math.Max(radius - inset, 0.01));
        var cx = Math.Clamp(x, l + rad, r - rad);
        var cy = Math.Clamp(y, t + rad, b - rad);
        var inBody = x >= l && x <= r && y >= t && y <= b && ((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= rad * rad;

        // The tail: a triangle from the body's lower edge down to a point.
        var (ax, ay, bx, by, px, py) = (0.24 + inset, bottom - 0.02, 0.46 - inset, bottom - 0.02, 0.22 + (inset * 0.5), 0.86 - (inset * 2.2));
        var inTail = Side(x, y, ax, ay, bx, by) >= 0 && Side(x, y, bx, by, px, py) >= 0 && Side(x, y, px, py, ax, ay) >= 0;
        return inBody || (inTail && py > bottom);
    }

    private static bool Dots(double x, double y)
    {
        foreach (var dx in (double[])[0.33, 0.50, 0.67])
        {
            if (((x - dx) * (x - dx)) + ((y - 0.43) * (y - 0.43)) <= 0.055 * 0.055)
            {
                return true;
            }
        }

        return false;
    }

    private static double Side(double x, double y, double x1, double y1, double x2, double y2) => ((x2 - x1) * (y - y1)) - ((y2 - y1) * (x - x1));

    private static byte[] Png(int size, Func<double, double, (byte R, byte G, byte B, byte A)> shade)
    {
        const int samples = 4;
        var raw = new byte[size * ((size * 4) + 1)];
        for (var py = 0; py < size; py++)
        {
            var row = py * ((size * 4) + 1);
            raw[row] = 0; // filter: none
            for (var px = 0; px < size; px++)
            {
                double r = 0, g = 0, b = 0, a = 0;
                for (var sy = 0; sy < samples; sy++)
                {
                    for (var sx = 0; sx < samples; sx++)
                    {
                        var c = shade((px + ((sx + 0.5) / samples)) / size, (py + ((sy + 0.5) / samples)) / size);
                        // Premultiplied, so transparent samples do not darken edges.
                        r += c.R * c.A / 255.0;
                        g += c.G * c.A / 255.0;
                        b += c.B * c.A / 255.0;
                        a += c.A;
                    }
                }

                var alpha = a / (samples * samples);
                var at = row + 1 + (px * 4);
                raw[at] = Unpremultiply(r, a);
                raw[at + 1] = Unpremultiply(g, a);
                raw[at + 2] = Unpremultiply(b, a);
                raw[at + 3] = (byte)Math.Round(alpha);
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), size);
        header[8] = 8; // bits per channel
        header[9] = 6; // RGBA
        Chunk(png, "IHDR", header);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            Chunk(png, "IDAT", compressed.ToArray());
        }

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static byte Unpremultiply(double premultipliedSum, double alphaSum) =>
        alphaSum <= 0 ? (byte)0 : (byte)Math.Round(Math.Clamp(premultipliedSum * 255.0 / alphaSum, 0, 255));

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typeAndData = new byte[4 + data.Length];
        System.Text.Encoding.ASCII.GetBytes(type, typeAndData);
        data.CopyTo(typeAndData, 4);
        png.Write(typeAndData);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.HashToUInt32(typeAndData));
        png.Write(crc);
    }
}
