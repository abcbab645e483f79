using PetriDish.Cli;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Ranking;

/// <summary>
/// Issue 26: CSV mistakes in the files rank reads are errors with file and line (not the CSV library's
/// state dump), and a file of countless bad lines gives a short message with their count.
/// </summary>
public sealed class InputFileTests : IDisposable
{
    private static readonly string Observations = RankFixture.Observations;

    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Manifest() => RankFixture.Manifest(_temp, """[ { "plugin": "linear" } ]""", "linear");

    private static Task<CliResult> Rank(params string[] args) => RankFixture.Rank(args);

    private static void AssertNoLibraryDump(CliResult result)
    {
        Assert.DoesNotContain("IReader state", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("IParser state", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_candidates_csv_with_an_unclosed_quote_is_an_error_with_its_line()
    {
        var candidates = _temp.Write("candidates.csv", "motif,note\nsigmoid-slope:0.3,fine\n\"sigmoid-slope:0.4,broken\nsigmoid-slope:0.5,after\n");

        var result = await Rank(Manifest(), "--observations", Observations, "--candidates", candidates, "--out", _temp.File("out"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains($"{candidates}:", result.Error, StringComparison.Ordinal);
        Assert.Contains("quoted field is not closed", result.Error, StringComparison.Ordinal);
        AssertNoLibraryDump(result);
        Assert.False(Directory.Exists(_temp.File("out")));
    }

    [Fact]
    public async Task An_observations_row_without_a_value_is_an_error_with_its_line()
    {
        var observations = _temp.Write("observations.csv", "motif,value\nsigmoid-slope:0.3,0.71\nsigmoid-slope:0.5\nsigmoid-slope:0.7,0.68\nsigmoid-slope:0.9,0.65\n");

        var result = await Rank(Manifest(), "--observations", observations, "--random", "5", "--out", _temp.File("out"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains($"{observations}:3: the row has too few fields", result.Error, StringComparison.Ordinal);
        AssertNoLibraryDump(result);
    }

    [Fact]
    public async Task A_million_bad_lines_give_the_first_few_and_the_count()
    {
        var candidates = _temp.File("million.txt");
        File.WriteAllLines(candidates, Enumerable.Range(0, 1_000_000).Select(i => "relu"));

        var result = await Rank(Manifest(), "--observations", Observations, "--candidates", candidates, "--out", _temp.File("out"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains($"{candidates}:1: invalid motif 'relu'", result.Error, StringComparison.Ordinal);
        Assert.Contains("… and 999980 more problems (1000000 in all)", result.Error, StringComparison.Ordinal);
        Assert.True(result.Error.Length < 10_000, $"the message is {result.Error.Length} characters long");
    }

    [Fact]
    public async Task A_key_with_a_control_character_is_refused_and_not_echoed_raw()
    {
        var candidates = _temp.Write("escape.txt", "sigmoid-slope:0.3\nsigmoid-slope:0.4\u001b[31m\n");

        var result = await Rank(Manifest(), "--observations", Observations, "--candidates", candidates, "--out", _temp.File("out"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains($"{candidates}:2: the motif key holds a control character (U+001B)", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain('\u001b', result.Error);
    }

    [Fact]
    public async Task Observations_with_only_a_header_are_called_that()
    {
        var observations = _temp.Write("header.csv", "motif,value\n");

        var result = await Rank(Manifest(), "--observations", observations, "--random", "5", "--out", _temp.File("out"));

        Assert.Equal(ExitCodes.UsageError, result.ExitCode);
        Assert.Contains($"{observations} holds no observations, only its header", result.Error, StringComparison.Ordinal);
    }
}
