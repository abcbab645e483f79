using System.Security.Cryptography;
using System.Text;
using PetriDish.Core.Plugins;
using PetriDish.Abstractions;
using PetriDish.Core.Manifest;
using PetriDish.Core.Reports;

namespace PetriDish.Core.Ranking;

/// <summary>
/// A fitted surrogate in a file: a header saying which surrogate (plugin, settings) over which search
/// space it is and which motifs it was fitted on, then the surrogate's own checkpoint. The
/// header is checked before the checkpoint is read, because a checkpoint can only be restored into an
/// identically configured instance, and a mismatch would otherwise fail deep inside the plugin or, worse,
/// load silently into the wrong shapes. Since format version 2 the file ends with the SHA-256 of
/// everything before it: a damaged file (a flipped byte loads as other weights, which rank every
/// candidate wrongly without an error) is refused before anything is read from it.
/// </summary>
internal static class SavedSurrogate
{
    private const string Magic = "petridish-surrogate";
    private const int FormatVersion = 2;
    private const int UncheckedVersion = 1;

    /// <summary>What a saved surrogate's header records.</summary>
    /// <param name="Plugin">The surrogate's plugin id.</param>
    /// <param name="SettingsJson">The surrogate's bound settings.</param>
    /// <param name="SearchSpace">The search space's plugin id.</param>
    /// <param name="SearchSpaceSettingsJson">The search space's bound settings.</param>
    /// <param name="Observed">The keys of the motifs it was fitted on (so that random candidates drawn later exclude the same ones).</param>
    public sealed record Header(string Plugin, string SettingsJson, string SearchSpace, string SearchSpaceSettingsJson, IReadOnlyList<string> Observed);

    /// <summary>The header of <paramref name="surrogate"/> bound in <paramref name="manifest"/>, fitted on <paramref name="observed"/>.</summary>
    public static Header Describe(ValidatedManifest manifest, BoundPlugin surrogate, IReadOnlyList<string> observed)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(surrogate);
        return new Header(surrogate.Entry.Id, surrogate.SettingsJson, manifest.SearchSpace.Entry.Id, manifest.SearchSpace.SettingsJson, observed);
    }

    /// <summary>Writes the header and the surrogate's checkpoint; the file appears only when complete.</summary>
    public static void Write(string path, Header header, ISurrogate surrogate)
    {
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(surrogate);
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(header.Plugin);
            writer.Write(header.SettingsJson);
            writer.Write(header.SearchSpace);
            writer.Write(header.SearchSpaceSettingsJson);
            writer.Write(header.Observed.Count);
            foreach (var key in header.Observed)
            {
                writer.Write(key);
            }

            writer.Flush();
            surrogate.Save(stream);
        }

        AtomicFile.Write(full, file =>
        {
            file.Write(stream.GetBuffer(), 0, (int)stream.Length);
            file.Write(SHA256.HashData(stream.GetBuffer().AsSpan(0, (int)stream.Length)));
        });
    }

    /// <summary>Reads the header of a saved surrogate, checking only that the file is one.</summary>
    public static Header Peek(string path)
    {
        using var stream = OpenChecked(path);
        return ReadHeader(path, stream);
    }

    /// <summary>
    /// Restores <paramref name="surrogate"/> from <paramref name="path"/> after checking that the file was
    /// saved by the same plugin with the same settings over the same search space as <paramref name="expected"/>.
    /// Returns the header read.
    /// </summary>
    public static Header Read(string path, Header expected, ISurrogate surrogate)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(surrogate);
        using var stream = OpenChecked(path);
        var saved = ReadHeader(path, stream);
        var mismatches = new List<string>();
        if (saved.Plugin != expected.Plugin)
        {
            mismatches.Add($"it is a '{saved.Plugin}' surrogate, the manifest's is '{expected.Plugin}'");
        }
        else if (saved.SettingsJson != expected.SettingsJson)
        {
            mismatches.Add($"its settings differ: saved {saved.SettingsJson}, manifest {expected.SettingsJson}");
        }

        if (saved.SearchSpace != expected.SearchSpace || saved.SearchSpaceSettingsJson != expected.SearchSpaceSettingsJson)
        {
            mismatches.Add($"it was fitted over another search space ('{saved.SearchSpace}' {saved.SearchSpaceSettingsJson})");
        }

        if (mismatches.Count > 0)
        {
            throw new InvalidInputException($"{path} does not fit this manifest: {string.Join("; ", mismatches)}");
        }

        try
        {
            surrogate.Load(stream);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or IOException or FormatException)
        {
            throw new InvalidInputException($"{path}: the surrogate's state is damaged ({ex.Message})");
        }

        return saved;
    }

    /// <summary>The file's contents after its header's magic and version are read and its checksum is verified, positioned after the version.</summary>
    private static MemoryStream OpenChecked(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"saved surrogate not found: {path}");
        }

        var bytes = File.ReadAllBytes(path);
        int version;
        long position;
        using (var header = new MemoryStream(bytes, writable: false))
        using (var reader = new BinaryReader(header, Encoding.UTF8, leaveOpen: true))
        {
            try
            {
                version = reader.ReadString() == Magic ? reader.ReadInt32() : throw new InvalidDataException();
            }
            catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or IOException or FormatException or ArgumentOutOfRangeException)
            {
                throw new InvalidInputException($"{path}: not a surrogate saved by petridish rank --save");
            }

            position = header.Position;
        }

        if (version == UncheckedVersion)
        {
            return new MemoryStream(bytes, writable: false) { Position = position };
        }

        if (version != FormatVersion)
        {
            throw new InvalidInputException($"{path}: saved in format version {version}; this petridish reads versions {UncheckedVersion} and {FormatVersion}");
        }

        var body = bytes.Length - SHA256.HashSizeInBytes;
        if (body < position || !SHA256.HashData(bytes.AsSpan(0, body)).AsSpan().SequenceEqual(bytes.AsSpan(body)))
        {
            throw new InvalidInputException($"{path} is damaged: its checksum does not match its contents (a changed or truncated file); fit and save it again with petridish rank --save");
        }

        return new MemoryStream(bytes, 0, body, writable: false) { Position = position };
    }

    private static Header ReadHeader(string path, Stream stream)
    {
        using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
        try
        {
            return new Header(reader.ReadString(), reader.ReadString(), reader.ReadString(), reader.ReadString(), [.. Enumerable.Range(0, reader.ReadInt32()).Select(_ => reader.ReadString())]);
        }
        catch (Exception ex) when (ex is EndOfStreamException or InvalidDataException or IOException or FormatException or ArgumentOutOfRangeException)
        {
            throw new InvalidInputException($"{path}: not a surrogate saved by petridish rank --save");
        }
    }
}
