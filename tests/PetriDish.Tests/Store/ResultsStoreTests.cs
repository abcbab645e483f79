using Microsoft.Data.Sqlite;
using PetriDish.Core.Store;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Store;

public sealed class ResultsStoreTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void Evaluations_predictions_checkpoints_and_meta_round_trip_through_a_real_database_file()
    {
        var path = _temp.File("run/results.sqlite");
        string configuration;
        using (var store = ResultsStore.Open(path))
        {
            configuration = store.RegisterConfiguration("toy;peak=3");
            store.SetMeta("manifest", "{\"seed\":1}");
            store.Add(new EvaluationRecord { Motif = "toy:1", Configuration = configuration, Fidelity = "full", Seed = 7, Status = EvaluationStatus.Completed, Value = 0.25, Metric = "toy-score", Seconds = 1.5, Iteration = 0, Purpose = "warmup", Details = "{\"runs\":[0.2,0.3]}" });
            store.Add(new EvaluationRecord { Motif = "toy:2", Configuration = configuration, Fidelity = "full", Seed = 7, Status = EvaluationStatus.Failed, Error = "diverged", Attempt = 2, Iteration = 1, Purpose = "search", JobId = "42" });
            store.AddPredictions([new PredictionRecord(1, "petri-dish", "toy:4", 0.5), new PredictionRecord(1, "petri-dish", "toy:5", double.NaN)]);
            store.SaveCheckpoint(1, "optimizer", [1, 2, 3]);
            store.SaveCheckpoint(2, "optimizer", [4, 5]);
        }

        using var reopened = ResultsStore.Open(path);
        var all = reopened.Evaluations();
        Assert.Equal(2, all.Count);
        var completed = Assert.Single(reopened.Evaluations(completedOnly: true));
        Assert.Equal(("toy:1", 0.25, "toy-score", 1.5, "warmup", "{\"runs\":[0.2,0.3]}"), (completed.Motif, completed.Value!.Value, completed.Metric!, completed.Seconds, completed.Purpose!, completed.Details!));
        var failed = all[1];
        Assert.Equal((EvaluationStatus.Failed, "diverged", 2, "42", (double?)null), (failed.Status, failed.Error!, failed.Attempt, failed.JobId!, failed.Value));
        Assert.Equal(completed.Id, reopened.FindCompleted(configuration, "toy:1", "full", 7)!.Id);
        Assert.Null(reopened.FindCompleted(configuration, "toy:1", "full", 8));
        Assert.Null(reopened.FindCompleted(configuration, "toy:2", "full", 7));
        var predictions = reopened.Predictions(1);
        Assert.Equal(0.5, predictions[0].Score);
        Assert.True(double.IsNaN(predictions[1].Score));
        var (iteration, state) = reopened.LatestCheckpoint("optimizer")!.Value;
        Assert.Equal(2, iteration);
        Assert.Equal(new byte[] { 4, 5 }, state);
        Assert.Null(reopened.LatestCheckpoint("surrogate"));
        Assert.Equal("{\"seed\":1}", reopened.GetMeta("manifest"));
    }

    [Fact]
    public void The_database_is_in_wal_mode_with_the_current_schema_version()
    {
        var path = _temp.File("results.sqlite");
        using (ResultsStore.Open(path))
        {
        }

        using var connection = new SqliteConnection($"Data Source={path};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
        command.CommandText = "PRAGMA user_version";
        Assert.Equal((long)ResultsStore.SchemaVersion, command.ExecuteScalar());
    }

    [Fact]
    public void A_database_from_a_newer_petridish_is_refused()
    {
        var path = _temp.File("newer.sqlite");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=false"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA user_version = 99";
            command.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => ResultsStore.Open(path));
        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_completed_evaluation_without_a_value_is_rejected_by_the_schema()
    {
        using var store = ResultsStore.Open(_temp.File("checks.sqlite"));

        Assert.Throws<SqliteException>(() => store.Add(new EvaluationRecord { Motif = "toy:1", Configuration = "c", Fidelity = "full", Seed = 1, Status = EvaluationStatus.Completed }));
        Assert.Empty(store.Evaluations());
    }
}
