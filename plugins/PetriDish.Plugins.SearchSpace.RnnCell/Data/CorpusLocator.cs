using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace PetriDish.Plugins.SearchSpace.RnnCell.Data;

/// <summary>
/// Resolves the <c>corpus</c> setting: <c>tiny-shakespeare</c> (embedded; 90/5/5 % split by characters),
/// a Penn Treebank directory (<c>ptb.train.txt</c>, <c>ptb.valid.txt</c>, <c>ptb.test.txt</c>), or any
/// directory with <c>train.txt</c>, <c>valid.txt</c> and <c>test.txt</c>.
/// </summary>
public static class CorpusLocator
{
    public const string TinyShakespeare = "tiny-shakespeare";
    public const string UnknownToken = "<unk>";
    public const string EndOfSentence = "<eos>";

    private const string EmbeddedResource = "tinyshakespeare.txt.gz";
    private static readonly string[][] SplitFiles = [["ptb.train.txt", "ptb.valid.txt", "ptb.test.txt"], ["train.txt", "valid.txt", "test.txt"]];
    private static readonly ConcurrentDictionary<string, Lazy<Corpus>> Cache = new();

    /// <summary>The tokenisation used when the settings leave it out.</summary>
    public static Tokenization DefaultTokenization(string corpus) => corpus == TinyShakespeare ? Tokenization.Char : Tokenization.Word;

    /// <summary>Problems that can be seen without reading the corpus (a missing directory or split file).</summary>
    public static IEnumerable<string> Check(string corpus, string baseDirectory)
    {
        if (corpus == TinyShakespeare)
        {
            yield break;
        }

        var directory = Path.GetFullPath(corpus, baseDirectory);
        if (!Directory.Exists(directory))
        {
            yield return $"corpus directory '{directory}' does not exist (expected 'tiny-shakespeare' or a directory with ptb.train.txt/ptb.valid.txt/ptb.test.txt or train.txt/valid.txt/test.txt)";
            yield break;
        }

        if (Files(directory) is null)
        {
            var present = SplitFiles.Select(set => set.Where(f => File.Exists(Path.Combine(directory, f))).ToList()).MaxBy(p => p.Count)!;
            var wanted = SplitFiles.First(set => set.Intersect(present).Count() == present.Count);
            yield return $"corpus directory '{directory}' lacks {string.Join(", ", wanted.Except(present))} (it needs ptb.train.txt, ptb.valid.txt and ptb.test.txt, or train.txt, valid.txt and test.txt)";
        }
    }

    /// <summary>Loads (once per process) and tokenises the corpus.</summary>
    public static Corpus Load(string corpus, Tokenization tokenization, int vocabularyCap, string baseDirectory)
    {
        var key = string.Join('|', corpus == TinyShakespeare ? corpus : Path.GetFullPath(corpus, baseDirectory), tokenization, vocabularyCap);
        var lazy = Cache.GetOrAdd(key, _ => new Lazy<Corpus>(() => LoadUncached(corpus, tokenization, vocabularyCap, baseDirectory)));
        try
        {
            return lazy.Value;
        }
        catch
        {
            Cache.TryRemove(key, out _);
            throw;
        }
    }

    /// <summary>Tokens of a text: characters, or whitespace-separated words with <c>&lt;eos&gt;</c> closing every line.</summary>
    public static List<string> Tokenize(string text, Tokenization tokenization)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (tokenization == Tokenization.Char)
        {
            return [.. text.Select(c => c.ToString())];
        }

        var tokens = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            var words = line.Split([' ', '\t', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (words.Length == 0)
            {
                continue;
            }

            tokens.AddRange(words);
            tokens.Add(EndOfSentence);
        }

        return tokens;
    }

    private static Corpus LoadUncached(string corpus, Tokenization tokenization, int vocabularyCap, string baseDirectory)
    {
        string origin;
        string[] texts;
        if (corpus == TinyShakespeare)
        {
            using var stream = typeof(CorpusLocator).Assembly.GetManifestResourceStream(EmbeddedResource)
                ?? throw new InvalidOperationException($"embedded resource {EmbeddedResource} is missing from this build");
            using var gzip = new GZipStream(stream, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            var text = reader.ReadToEnd();
            var trainEnd = (int)(text.Length * 0.9);
            var validEnd = (int)(text.Length * 0.95);
            texts = [text[..trainEnd], text[trainEnd..validEnd], text[validEnd..]];
            origin = TinyShakespeare;
        }
        else
        {
            var problems = Check(corpus, baseDirectory).ToList();
            if (problems.Count > 0)
            {
                throw new FileNotFoundException(string.Join("; ", problems));
            }

            var directory = Path.GetFullPath(corpus, baseDirectory);
            texts = [.. Files(directory)!.Select(File.ReadAllText)];
            origin = "dir";
        }

        var tokens = texts.Select(t => Tokenize(t, tokenization)).ToArray();
        string[] names = ["training", "validation", "test"];
        for (var i = 0; i < 2; i++)
        {
            if (tokens[i].Count < 2)
            {
                throw new InvalidDataException($"corpus '{corpus}': the {names[i]} text is empty (it has {tokens[i].Count} token(s))");
            }
        }

        // The most frequent training tokens, and always <unk> for the rest (and for unseen validation tokens).
        List<string> vocabulary =
        [
            .. tokens[0].Where(t => t != UnknownToken).GroupBy(t => t, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key).Take(vocabularyCap - 1),
            UnknownToken,
        ];
        var index = vocabulary.Select((t, i) => (t, i)).ToDictionary(p => p.t, p => p.i, StringComparer.Ordinal);
        var unknown = index[UnknownToken];
        int[] Ids(List<string> split) => [.. split.Select(t => index.GetValueOrDefault(t, unknown))];
        var ids = tokens.Select(Ids).ToArray();

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u0001', texts))))[..16];
        var identity = string.Create(CultureInfo.InvariantCulture, $"{origin};{tokenization.ToString().ToLowerInvariant()};sha256={hash};vocabulary={vocabulary.Count}");
        return new Corpus(identity, ids[0], ids[1], ids[2], vocabulary);
    }

    private static string[]? Files(string directory) =>
        SplitFiles.Select(set => set.Select(f => Path.Combine(directory, f)).ToArray()).FirstOrDefault(set => set.All(File.Exists));
}
