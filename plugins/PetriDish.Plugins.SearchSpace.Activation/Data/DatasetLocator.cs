using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;

namespace PetriDish.Plugins.SearchSpace.Activation.Data;

/// <summary>
/// Resolves the <c>dataset</c> setting: <c>mnist</c> (the embedded 12,000-image subset),
/// <c>fashion-mnist</c> (Debian's dataset-fashion-mnist package), or a directory holding
/// <c>train-images-idx3-ubyte[.gz]</c> and <c>train-labels-idx1-ubyte[.gz]</c>. The last
/// <c>validationCount</c> training images form the validation split.
/// </summary>
public static class DatasetLocator
{
    public const string EmbeddedMnist = "mnist";
    public const string FashionMnist = "fashion-mnist";
    public const string FashionMnistDirectory = "/usr/share/datasets/fashion-mnist";

    private const string ImagesFile = "train-images-idx3-ubyte";
    private const string LabelsFile = "train-labels-idx1-ubyte";
    private const string EmbeddedImages = "mnist-train-12k-images-idx3-ubyte.gz";
    private const string EmbeddedLabels = "mnist-train-12k-labels-idx1-ubyte.gz";

    private static readonly ConcurrentDictionary<string, Lazy<ImageDataset>> Cache = new();

    /// <summary>The validation count used when the settings leave it out.</summary>
    public static int DefaultValidationCount(string dataset) => dataset == EmbeddedMnist ? 2000 : 10000;

    /// <summary>Problems with the setting that can be seen without reading the data (missing directory or files).</summary>
    public static IEnumerable<string> Check(string dataset, string baseDirectory)
    {
        if (dataset == EmbeddedMnist)
        {
            yield break;
        }

        var directory = Directory(dataset, baseDirectory);
        if (!System.IO.Directory.Exists(directory))
        {
            yield return dataset == FashionMnist
                ? $"Fashion-MNIST not found at {FashionMnistDirectory}; install it with 'apt-get install dataset-fashion-mnist' or give a directory of IDX files"
                : $"dataset directory '{directory}' does not exist (expected 'mnist', 'fashion-mnist' or a directory of IDX files)";
            yield break;
        }

        var missing = false;
        foreach (var file in new[] { ImagesFile, LabelsFile })
        {
            if (Find(directory, file) is null)
            {
                missing = true;
                yield return $"'{Path.Combine(directory, file)}' (or .gz) is missing";
            }
        }

        if (!missing && CheckContents(Find(directory, ImagesFile)!, Find(directory, LabelsFile)!) is { } damaged)
        {
            yield return damaged;
        }
    }

    /// <summary>
    /// Reads both IDX files (headers and lengths, through gzip where compressed): a damaged or truncated
    /// file, or images and labels that do not match, fail validation instead of the first evaluation.
    /// </summary>
    private static string? CheckContents(string imagesPath, string labelsPath)
    {
        try
        {
            var images = IdxReader.Read(imagesPath);
            var labels = IdxReader.Read(labelsPath);
            if (images.Dimensions.Count != 3)
            {
                return $"{imagesPath}: expected images [n, rows, columns], found [{string.Join(", ", images.Dimensions)}]";
            }

            if (labels.Dimensions.Count != 1)
            {
                return $"{labelsPath}: expected labels [n], found [{string.Join(", ", labels.Dimensions)}]";
            }

            return images.Dimensions[0] == labels.Dimensions[0]
                ? null
                : $"{imagesPath} holds {images.Dimensions[0]} images but {labelsPath} holds {labels.Dimensions[0]} labels";
        }
        catch (InvalidDataException ex)
        {
            return ex.Message;
        }
    }

    /// <summary>Loads (once per process) and splits the data set.</summary>
    public static ImageDataset Load(string dataset, string baseDirectory, int? validationCount, int? trainCount)
    {
        var key = string.Join('|', dataset, dataset == EmbeddedMnist ? "" : Directory(dataset, baseDirectory), validationCount, trainCount);
        var lazy = Cache.GetOrAdd(key, _ => new Lazy<ImageDataset>(() => LoadUncached(dataset, baseDirectory, validationCount, trainCount)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Cache.TryRemove(key, out _); // A fixed file can be retried without restarting.
            throw;
        }
    }

    private static ImageDataset LoadUncached(string dataset, string baseDirectory, int? validationCount, int? trainCount)
    {
        IdxArray images, labels;
        string origin;
        if (dataset == EmbeddedMnist)
        {
            images = ReadEmbedded(EmbeddedImages);
            labels = ReadEmbedded(EmbeddedLabels);
            origin = "embedded:mnist-train-12k";
        }
        else
        {
            var problems = Check(dataset, baseDirectory).ToList();
            if (problems.Count > 0)
            {
                throw new FileNotFoundException(string.Join("; ", problems));
            }

            var directory = Directory(dataset, baseDirectory);
            var imagesPath = Find(directory, ImagesFile)!;
            var labelsPath = Find(directory, LabelsFile)!;
            images = IdxReader.Read(imagesPath);
            labels = IdxReader.Read(labelsPath);
            origin = directory;
        }

        if (images.Dimensions.Count != 3 || labels.Dimensions.Count != 1)
        {
            throw new InvalidDataException($"{origin}: expected images [n, rows, columns] and labels [n], found [{string.Join(", ", images.Dimensions)}] and [{string.Join(", ", labels.Dimensions)}]");
        }

        if (images.Count != labels.Count)
        {
            throw new InvalidDataException($"{origin}: {images.Count} images but {labels.Count} labels");
        }

        var validation = validationCount ?? DefaultValidationCount(dataset);
        if (validation < 1 || validation >= images.Count)
        {
            throw new InvalidDataException($"{origin}: validationCount {validation} must lie in [1, {images.Count - 1}] for {images.Count} images");
        }

        var available = images.Count - validation;
        var train = Math.Min(trainCount ?? available, available);
        var features = images.ItemSize;
        var classes = labels.Data.Max() + 1;
        var pixels = images.Data;
        var trainSplit = new ImageSplit(pixels[..(train * features)], labels.Data[..train], features);
        var validationSplit = new ImageSplit(pixels[(available * features)..], labels.Data[available..], features);
        // By content, not by path: two copies of the same data share cached ground truth.
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(images.Data);
        sha.AppendData(labels.Data);
        var hash = Convert.ToHexStringLower(sha.GetHashAndReset())[..16];
        var identity = string.Create(CultureInfo.InvariantCulture, $"{(dataset is EmbeddedMnist or FashionMnist ? dataset : "dir")};sha256={hash};n={images.Count};train={train};valid={validation}");
        return new ImageDataset(identity, trainSplit, validationSplit, classes);
    }

    private static IdxArray ReadEmbedded(string resource)
    {
        using var stream = typeof(DatasetLocator).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"embedded resource {resource} is missing from this build");
        return IdxReader.Read(stream, "embedded " + resource);
    }

    private static string Directory(string dataset, string baseDirectory) =>
        dataset == FashionMnist ? FashionMnistDirectory : Path.GetFullPath(dataset, baseDirectory);

    private static string? Find(string directory, string file) =>
        new[] { file, file + ".gz" }.Select(name => Path.Combine(directory, name)).FirstOrDefault(File.Exists);
}
