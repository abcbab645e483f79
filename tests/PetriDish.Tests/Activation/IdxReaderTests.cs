using System.Buffers.Binary;
using System.IO.Compression;
using PetriDish.Plugins.SearchSpace.Activation.Data;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Activation;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    /// <summary>The first images of real MNIST, as stored in the plugin.</summary>
    private static (byte[] Images, byte[] Labels) RealMnist(int count)
    {
        var data = DatasetLocator.Load("mnist", RepoPaths.Root, validationCount: 2000, trainCount: null);
        using var images = data.Train.Images(count, TorchSharp.torch.CPU);
        using var labels = data.Train.Labels(count, TorchSharp.torch.CPU);
        var pixels = images.mul(255).round().to(TorchSharp.torch.ScalarType.Byte).data<byte>().ToArray();
        return (pixels, labels.to(TorchSharp.torch.ScalarType.Byte).data<byte>().ToArray());
    }

    private static byte[] Idx(byte[] data, params int[] dimensions)
    {
        var header = new byte[4 + (4 * dimensions.Length)];
        header[2] = 0x08;
        header[3] = (byte)dimensions.Length;
        for (var i = 0; i < dimensions.Length; i++)
        {
            BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4 + (4 * i)), dimensions[i]);
        }

        return [.. header, .. data];
    }

    private static byte[] Gzip(byte[] data)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(data);
        }

        return buffer.ToArray();
    }

    [Fact]
    public void The_embedded_subset_is_real_mnist()
    {
        var data = DatasetLocator.Load("mnist", RepoPaths.Root, validationCount: 2000, trainCount: null);

        Assert.Equal((10000, 2000, 784, 10), (data.Train.Count, data.Validation.Count, data.Train.Features, data.Classes));
        using var labels = data.Train.Labels(5, TorchSharp.torch.CPU);
        Assert.Equal([5L, 0, 4, 1, 9], labels.data<long>().ToArray()); // The famous first five MNIST training labels.
    }

    [Fact]
    public void Plain_and_gzipped_files_give_the_same_real_bytes()
    {
        var (images, labels) = RealMnist(20);
        var plain = _temp.File("images-idx3-ubyte");
        File.WriteAllBytes(plain, Idx(images, 20, 28, 28));
        var zipped = _temp.File("images-idx3-ubyte.gz");
        File.WriteAllBytes(zipped, Gzip(Idx(images, 20, 28, 28)));
        File.WriteAllBytes(_temp.File("labels"), Idx(labels, 20));

        var fromPlain = IdxReader.Read(plain);
        var fromGzip = IdxReader.Read(zipped);

        Assert.Equal([20, 28, 28], fromPlain.Dimensions);
        Assert.Equal(784, fromPlain.ItemSize);
        Assert.Equal(images, fromPlain.Data);
        Assert.Equal(images, fromGzip.Data);
        Assert.Equal(labels, IdxReader.Read(_temp.File("labels")).Data);
    }

    [Fact]
    public void A_truncated_file_names_itself_and_the_missing_bytes()
    {
        var (images, _) = RealMnist(3);
        var path = _temp.File("short-idx3-ubyte");
        File.WriteAllBytes(path, Idx(images, 3, 28, 28)[..1000]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("is truncated", error.Message, StringComparison.Ordinal);
        Assert.Contains("2352 bytes of data, but only 984 follow", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_gzip_stream_is_reported_as_corrupt()
    {
        var (images, _) = RealMnist(3);
        var zipped = Gzip(Idx(images, 3, 28, 28));
        var path = _temp.File("cut.gz");
        File.WriteAllBytes(path, zipped[..(zipped.Length / 2)]);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(new byte[] { 1, 0, 8, 1, 0, 0, 0, 1, 7 }, "does not start with two zero bytes")]
    [InlineData(new byte[] { 0, 0, 0x0D, 1, 0, 0, 0, 1, 7 }, "element type 0x0d is not supported")]
    [InlineData(new byte[] { 0, 0, 8, 3, 0, 0 }, "truncated IDX header")]
    [InlineData(new byte[] { 0, 0 }, "shorter than its 4-byte header")]
    public void Corrupt_headers_are_refused_with_the_reason(byte[] bytes, string reason)
    {
        var path = _temp.File("corrupt");
        File.WriteAllBytes(path, bytes);

        var error = Assert.Throws<InvalidDataException>(() => IdxReader.Read(path));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var path = _temp.File("absent-idx3-ubyte");

        var error = Assert.Throws<FileNotFoundException>(() => IdxReader.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }
}
