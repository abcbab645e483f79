using System.Buffers.Binary;
using System.IO.Compression;

namespace PetriDish.Plugins.SearchSpace.Activation.Data;

/// <summary>
/// Reads IDX files (the MNIST format: two zero bytes, an element-type code, the number of dimensions,
/// the big-endian dimension sizes, then the data), plain or gzip-compressed.
/// </summary>
public static class IdxReader
{
    private const byte UnsignedByte = 0x08;

    /// <summary>Reads the file at <paramref name="path"/>; errors name the file.</summary>
    public static IdxArray Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"IDX file not found: {path}", path);
        }

        using var stream = File.OpenRead(path);
        return Read(stream, path);
    }

    /// <summary>Reads an IDX stream; <paramref name="name"/> is used in error messages.</summary>
    public static IdxArray Read(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var bytes = ReadAll(stream);
        if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        {
            try
            {
                using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                bytes = ReadAll(gzip);
            }
            catch (InvalidDataException ex)
            {
                throw new InvalidDataException($"{name}: corrupt or truncated gzip data ({ex.Message})", ex);
            }
        }

        return Parse(bytes, name);
    }

    private static IdxArray Parse(byte[] bytes, string name)
    {
        if (bytes.Length < 4)
        {
            throw new InvalidDataException($"{name}: not an IDX file (shorter than its 4-byte header)");
        }

        if (bytes[0] != 0 || bytes[1] != 0)
        {
            throw new InvalidDataException($"{name}: not an IDX file (it does not start with two zero bytes)");
        }

        if (bytes[2] != UnsignedByte)
        {
            throw new InvalidDataException($"{name}: IDX element type 0x{bytes[2]:x2} is not supported (only unsigned bytes, 0x08)");
        }

        var rank = bytes[3];
        var headerLength = 4 + (4 * rank);
        if (rank is 0 or > 4)
        {
            throw new InvalidDataException($"{name}: IDX file claims {rank} dimensions; expected 1 to 4");
        }

        if (bytes.Length < headerLength)
        {
            throw new InvalidDataException($"{name}: truncated IDX header");
        }

        var dimensions = Enumerable.Range(0, rank).Select(i => BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(4 + (4 * i)))).ToArray();
        if (dimensions.Any(d => d < 0))
        {
            throw new InvalidDataException($"{name}: negative IDX dimension in [{string.Join(", ", dimensions)}]");
        }

        var length = dimensions.Aggregate(1L, (a, b) => a * b);
        var available = bytes.Length - headerLength;
        if (available < length)
        {
            throw new InvalidDataException($"{name} is truncated: its header announces [{string.Join(" × ", dimensions)}] = {length} bytes of data, but only {available} follow");
        }

        return new IdxArray(dimensions, bytes.AsSpan(headerLength, (int)length).ToArray());
    }

    private static byte[] ReadAll(Stream stream)
    {
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
