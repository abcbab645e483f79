using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;

namespace PetriDish.Core.Store;

/// <summary>
/// The SQLite database of a run (or of the ground-truth cache): manifest, every ground-truth
/// evaluation, surrogate predictions and checkpoints. Each write is its own transaction and is
/// durable when the call returns, so a crash loses nothing that was reported as done.
/// </summary>
internal sealed class ResultsStore : IDisposable
{
    /// <summary>The schema version this code reads and writes.</summary>
    public const int SchemaVersion = 2;

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    private ResultsStore(SqliteConnection connection, string path)
    {
        _connection = connection;
        Path = path;
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>Opens (creating if needed) the database at <paramref name="path"/>.</summary>
    public static ResultsStore Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return Connect(full, SqliteOpenMode.ReadWriteCreate, store => store.Migrate(), "could not be opened",
            (message, ex) => new IOException(message, ex));
    }

    /// <summary>
    /// What a SQLite failure on <paramref name="path"/> means for a user: the file is not a database or
    /// is damaged (bad input: <see cref="InvalidInputException"/>), the disk is full or the file
    /// read-only (an <see cref="IOException"/>), with what to do; null for anything else (a constraint
    /// violated is a bug to see as it is).
    /// </summary>
    internal static Exception? Explain(string path, SqliteException ex, string what) => ex.SqliteErrorCode switch
    {
        26 => new InvalidInputException($"{path} {what}: it is not a SQLite database (another kind of file, or a damaged header); move it aside and start a new run", ex),
        11 => new InvalidInputException($"{path} {what}: the database is damaged (SQLite error 11, malformed); move it aside and start a new run, or repair it with sqlite3's .recover", ex),
        13 => new IOException($"{path} {what}: the disk is full (SQLite error 13); free space, then continue (finished evaluations are stored)", ex),
        8 => new IOException($"{path} {what}: the file is read-only to this process (SQLite error 8); check its permissions", ex),
        _ => null,
    };

    /// <summary>
    /// Opens an existing store only to read it (reports, summaries, the C# API): nothing in the file is
    /// created or changed. Throws <see cref="InvalidInputException"/> naming the file when it is missing,
    /// not a SQLite database, or not a results store this petridish reads.
    /// </summary>
    public static ResultsStore OpenReadOnly(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new InvalidInputException($"{full}: no results store there");
        }

        try
        {
            return Connect(full, SqliteOpenMode.ReadOnly, CheckReadable, "could not be read as a results store",
                (message, ex) => new InvalidInputException(message, ex));
        }
        catch (Exception ex) when (ex.InnerException is SqliteException { SqliteErrorCode: 8 or 14 })
        {
            // A store left in write-ahead-log mode (a run that was stopped) needs its shared-memory file
            // beside it, which a read-only folder or mount cannot take: read it as an immutable file then,
            // which nothing can be writing on such a mount.
            return Connect(full, SqliteOpenMode.ReadOnly, CheckReadable, "could not be read as a results store",
                (message, inner) => new InvalidInputException(message, inner), dataSource: new Uri(full).AbsoluteUri + "?immutable=1");
        }
    }

    /// <summary>
    /// Leaves the store as one self-contained file (rollback journal instead of the write-ahead log), so
    /// that reading it needs no write access to its folder. Called when its run closes it; reopening it
    /// for writing returns to the write-ahead log. Skipped while another connection holds it.
    /// </summary>
    public void SettleForReading()
    {
        try
        {
            Execute("PRAGMA journal_mode = DELETE");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode is 5 or 6)
        {
            // Busy or locked: another process has it open, and the next to close it settles it.
        }
    }

    /// <summary>
    /// Opens a connection in <paramref name="mode"/> and prepares the store (<paramref name="prepare"/>);
    /// a SQLite failure becomes what <see cref="Explain"/> makes of it, else <paramref name="otherwise"/>
    /// with SQLite's words and the file; the connection is closed on any failure.
    /// </summary>
    private static ResultsStore Connect(string full, SqliteOpenMode mode, Action<ResultsStore> prepare, string what, Func<string, SqliteException, Exception> otherwise, string? dataSource = null)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = dataSource ?? full,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        try
        {
            connection.Open();
            var store = new ResultsStore(connection, full);
            prepare(store);
            return store;
        }
        catch (SqliteException ex)
        {
            connection.Dispose();
            throw Explain(full, ex, what) ?? otherwise($"{full} {what}: {ex.Message.TrimEnd('.')} (SQLite error {ex.SqliteErrorCode})", ex);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void CheckReadable(ResultsStore store)
    {
        var version = store.Scalar<long>("PRAGMA user_version");
        if (version != SchemaVersion)
        {
            throw new InvalidInputException(version == 0
                ? $"{store.Path} is a SQLite database but not a PetriDish results store (no schema version)"
                : $"{store.Path} has results-store schema version {version}; this petridish reads version {SchemaVersion}");
        }
    }

    /// <summary>A short stable hash of an evaluator configuration key.</summary>
    public static string HashConfiguration(string configurationKey) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(configurationKey)))[..16];

    /// <summary>Stores a metadata value (manifest text, seed, status, ...).</summary>
    public void SetMeta(string key, string value) => Execute(
        "INSERT INTO meta(key, value) VALUES ($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        ("$key", key), ("$value", value));

    /// <summary>A metadata value, or null.</summary>
    public string? GetMeta(string key) => Scalar<string>("SELECT value FROM meta WHERE key = $key", ("$key", key));

    /// <summary>Records the configuration key behind a hash, for people reading the database.</summary>
    public string RegisterConfiguration(string configurationKey)
    {
        var hash = HashConfiguration(configurationKey);
        Execute("INSERT OR IGNORE INTO configurations(hash, key) VALUES ($hash, $key)", ("$hash", hash), ("$key", configurationKey));
        return hash;
    }

    /// <summary>
    /// Claims the evaluation of (configuration, motif, fidelity, seed) for <paramref name="owner"/> in a
    /// store shared between runs, so that two runs do not train the same motif at once. Returns null
    /// when the claim is <paramref name="owner"/>'s now (it was free, stale, or already its own), else the
    /// owner holding it.
    /// </summary>
    public ClaimOwner? TryClaim(string configuration, string motif, string fidelity, int seed, ClaimOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        lock (_gate)
        {
            // The table exists only in stores used as shared caches; IMMEDIATE takes the write lock
            // before the read, so two processes cannot both see the claim free.
            using var transaction = _connection.BeginTransaction(deferred: false);
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                CREATE TABLE IF NOT EXISTS claims (
                    configuration TEXT    NOT NULL,
                    motif         TEXT    NOT NULL,
                    fidelity      TEXT    NOT NULL,
                    seed          INTEGER NOT NULL,
                    host          TEXT    NOT NULL,
                    pid           INTEGER NOT NULL,
                    started       TEXT    NOT NULL,
                    claimed_at    TEXT    NOT NULL,
                    PRIMARY KEY (configuration, motif, fidelity, seed)
                );
                SELECT host, pid, started, claimed_at FROM claims
                WHERE configuration = $configuration AND motif = $motif AND fidelity = $fidelity AND seed = $seed;
                """;
            Bind(command, ("$configuration", configuration), ("$motif", motif), ("$fidelity", fidelity), ("$seed", seed));
            using (var reader = command.ExecuteReader())
            {
                if (reader.Read())
                {
                    var holder = new ClaimOwner(reader.GetString(0), reader.GetInt32(1), reader.GetString(2));
                    var claimedAt = DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture);
                    if (holder != owner && holder.Holds(claimedAt, DateTimeOffset.UtcNow))
                    {
                        return holder;
                    }
                }
            }

            command.CommandText = """
                INSERT INTO claims(configuration, motif, fidelity, seed, host, pid, started, claimed_at)
                VALUES ($configuration, $motif, $fidelity, $seed, $host, $pid, $started, $claimed)
                ON CONFLICT DO UPDATE SET host = excluded.host, pid = excluded.pid, started = excluded.started, claimed_at = excluded.claimed_at
                """;
            command.Parameters.Clear();
            Bind(command, ("$configuration", configuration), ("$motif", motif), ("$fidelity", fidelity), ("$seed", seed),
                ("$host", owner.Host), ("$pid", owner.ProcessId), ("$started", owner.Started), ("$claimed", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
            command.ExecuteNonQuery();
            transaction.Commit();
            return null;
        }
    }

    /// <summary>Gives up <paramref name="owner"/>'s claim of the evaluation (done, failed or stopped).</summary>
    public void ReleaseClaim(string configuration, string motif, string fidelity, int seed, ClaimOwner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        Execute("""
            DELETE FROM claims
            WHERE configuration = $configuration AND motif = $motif AND fidelity = $fidelity AND seed = $seed
              AND host = $host AND pid = $pid AND started = $started
            """,
            ("$configuration", configuration), ("$motif", motif), ("$fidelity", fidelity), ("$seed", seed),
            ("$host", owner.Host), ("$pid", owner.ProcessId), ("$started", owner.Started));
    }

    /// <summary>Stores an evaluation and returns it with its row id.</summary>
    public EvaluationRecord Add(EvaluationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                INSERT INTO evaluations(motif, configuration, fidelity, seed, status, value, metric, error, details, seconds, attempt, iteration, purpose, job_id, finished_at)
                VALUES ($motif, $configuration, $fidelity, $seed, $status, $value, $metric, $error, $details, $seconds, $attempt, $iteration, $purpose, $job, $finished)
                RETURNING id
                """;
            Bind(command,
                ("$motif", record.Motif), ("$configuration", record.Configuration), ("$fidelity", record.Fidelity), ("$seed", record.Seed),
                ("$status", record.Status == EvaluationStatus.Completed ? "completed" : "failed"), ("$value", record.Value), ("$metric", record.Metric),
                ("$error", record.Error), ("$details", record.Details), ("$seconds", record.Seconds), ("$attempt", record.Attempt),
                ("$iteration", record.Iteration), ("$purpose", record.Purpose), ("$job", record.JobId),
                ("$finished", record.FinishedAt.ToString("O", CultureInfo.InvariantCulture)));
            try
            {
                var id = (long)command.ExecuteScalar()!;
                return record with { Id = id };
            }
            catch (SqliteException ex) when (Explain(Path, ex, $"could not store the evaluation of {record.Motif}") is { } explained)
            {
                throw explained;
            }
        }
    }

    /// <summary>The completed evaluation for this exact (configuration, motif, fidelity, seed), if any.</summary>
    public EvaluationRecord? FindCompleted(string configuration, string motif, string fidelity, int seed) =>
        Query("""
            SELECT * FROM evaluations
            WHERE configuration = $configuration AND motif = $motif AND fidelity = $fidelity AND seed = $seed AND status = 'completed'
            ORDER BY id LIMIT 1
            """,
            ("$configuration", configuration), ("$motif", motif), ("$fidelity", fidelity), ("$seed", seed)).FirstOrDefault();

    /// <summary>Every stored evaluation in the order stored, optionally only completed ones of one fidelity.</summary>
    public IReadOnlyList<EvaluationRecord> Evaluations(string? fidelity = null, bool completedOnly = false) =>
        Query($"""
            SELECT * FROM evaluations
            WHERE ($fidelity IS NULL OR fidelity = $fidelity) {(completedOnly ? "AND status = 'completed'" : "")}
            ORDER BY id
            """,
            ("$fidelity", fidelity));

    /// <summary>Stores a surrogate's scores for one iteration in one transaction.</summary>
    public void AddPredictions(IReadOnlyCollection<PredictionRecord> predictions)
    {
        ArgumentNullException.ThrowIfNull(predictions);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO predictions(iteration, surrogate, motif, score) VALUES ($iteration, $surrogate, $motif, $score)";
            var iteration = command.Parameters.Add("$iteration", SqliteType.Integer);
            var surrogate = command.Parameters.Add("$surrogate", SqliteType.Text);
            var motif = command.Parameters.Add("$motif", SqliteType.Text);
            var score = command.Parameters.Add("$score", SqliteType.Real);
            foreach (var prediction in predictions)
            {
                iteration.Value = prediction.Iteration;
                surrogate.Value = prediction.Surrogate;
                motif.Value = prediction.Motif;
                score.Value = double.IsFinite(prediction.Score) ? prediction.Score : DBNull.Value;
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    /// <summary>Replaces a surrogate's scores for one iteration (idempotent, so a resumed iteration stores them once).</summary>
    public void ReplacePredictions(int iteration, string surrogate, IReadOnlyCollection<PredictionRecord> predictions)
    {
        Execute("DELETE FROM predictions WHERE iteration = $iteration AND surrogate = $surrogate", ("$iteration", iteration), ("$surrogate", surrogate));
        AddPredictions(predictions);
    }

    /// <summary>The predictions of one iteration (all surrogates).</summary>
    public IReadOnlyList<PredictionRecord> Predictions(int iteration)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT iteration, surrogate, motif, score FROM predictions WHERE iteration = $iteration ORDER BY id";
            command.Parameters.AddWithValue("$iteration", iteration);
            using var reader = command.ExecuteReader();
            var rows = new List<PredictionRecord>();
            while (reader.Read())
            {
                rows.Add(new PredictionRecord(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? double.NaN : reader.GetDouble(3)));
            }

            return rows;
        }
    }

    /// <summary>The configurations (hash and readable key) that completed evaluations were measured under.</summary>
    public IReadOnlyList<(string Hash, string Key)> EvaluatedConfigurations()
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT DISTINCT e.configuration, COALESCE(c.key, e.configuration)
                FROM evaluations e LEFT JOIN configurations c ON c.hash = e.configuration
                WHERE e.status = 'completed' ORDER BY e.configuration
                """;
            using var reader = command.ExecuteReader();
            var rows = new List<(string, string)>();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetString(1)));
            }

            return rows;
        }
    }

    /// <summary>Records a job submitted to an executor, before waiting for it: a resumed run reattaches to it.</summary>
    public void AddJob(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        Execute(
            """
            INSERT INTO jobs(job_id, executor, configuration, motif, fidelity, seed, attempt, result_path, state, submitted_at)
            VALUES ($id, $executor, $configuration, $motif, $fidelity, $seed, $attempt, $result, 'submitted', $submitted)
            """,
            ("$id", job.JobId), ("$executor", job.Executor), ("$configuration", job.Configuration), ("$motif", job.Motif), ("$fidelity", job.Fidelity),
            ("$seed", job.Seed), ("$attempt", job.Attempt), ("$result", job.ResultPath), ("$submitted", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));
    }

    /// <summary>Marks a job finished (its result recorded) or cancelled.</summary>
    public void CloseJob(string jobId, bool cancelled) => Execute(
        "UPDATE jobs SET state = $state, finished_at = $finished WHERE job_id = $id",
        ("$id", jobId), ("$state", cancelled ? "cancelled" : "finished"), ("$finished", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));

    /// <summary>Jobs of an executor that were submitted and not yet closed.</summary>
    public IReadOnlyList<JobRecord> OpenJobs(string executor)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT job_id, executor, configuration, motif, fidelity, seed, attempt, result_path FROM jobs WHERE executor = $executor AND state = 'submitted' ORDER BY rowid";
            command.Parameters.AddWithValue("$executor", executor);
            using var reader = command.ExecuteReader();
            var jobs = new List<JobRecord>();
            while (reader.Read())
            {
                jobs.Add(new JobRecord(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetString(7)));
            }

            return jobs;
        }
    }

    /// <summary>Stores (or replaces) a component's checkpoint for an iteration.</summary>
    public void SaveCheckpoint(int iteration, string component, byte[] state) => Execute(
        """
        INSERT INTO checkpoints(iteration, component, state, saved_at) VALUES ($iteration, $component, $state, $saved)
        ON CONFLICT(iteration, component) DO UPDATE SET state = excluded.state, saved_at = excluded.saved_at
        """,
        ("$iteration", iteration), ("$component", component), ("$state", state), ("$saved", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture)));

    /// <summary>A component's checkpoint of one iteration, or null.</summary>
    public byte[]? Checkpoint(string component, int iteration)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT state FROM checkpoints WHERE component = $component AND iteration = $iteration";
            command.Parameters.AddWithValue("$component", component);
            command.Parameters.AddWithValue("$iteration", iteration);
            return command.ExecuteScalar() as byte[];
        }
    }

    /// <summary>The newest checkpoint of a component, with its iteration.</summary>
    public (int Iteration, byte[] State)? LatestCheckpoint(string component)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "SELECT iteration, state FROM checkpoints WHERE component = $component ORDER BY iteration DESC LIMIT 1";
            command.Parameters.AddWithValue("$component", component);
            using var reader = command.ExecuteReader();
            return reader.Read() ? (reader.GetInt32(0), (byte[])reader.GetValue(1)) : null;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private void Migrate()
    {
        Execute("PRAGMA journal_mode = WAL");
        Execute("PRAGMA synchronous = NORMAL"); // With WAL: durable against process crashes (kill -9), cheap per write.
        Execute("PRAGMA foreign_keys = ON");
        var version = Scalar<long>("PRAGMA user_version");
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"{Path} has schema version {version}; this petridish reads up to version {SchemaVersion}. Use a newer petridish.");
        }

        if (version == SchemaVersion)
        {
            return;
        }

        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"""
                CREATE TABLE IF NOT EXISTS meta (
                    key   TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                CREATE TABLE IF NOT EXISTS configurations (
                    hash TEXT PRIMARY KEY,
                    key  TEXT NOT NULL
                );
                CREATE TABLE IF NOT EXISTS evaluations (
                    id            INTEGER PRIMARY KEY,
                    motif         TEXT    NOT NULL,
                    configuration TEXT    NOT NULL,
                    fidelity      TEXT    NOT NULL,
                    seed          INTEGER NOT NULL,
                    status        TEXT    NOT NULL CHECK (status IN ('completed', 'failed')),
                    value         REAL,
                    metric        TEXT,
                    error         TEXT,
                    details       TEXT,
                    seconds       REAL    NOT NULL DEFAULT 0,
                    attempt       INTEGER NOT NULL DEFAULT 1,
                    iteration     INTEGER,
                    purpose       TEXT,
                    job_id        TEXT,
                    finished_at   TEXT    NOT NULL,
                    CHECK (status = 'failed' OR value IS NOT NULL)
                );
                CREATE INDEX IF NOT EXISTS evaluations_lookup ON evaluations(configuration, motif, fidelity, seed, status);
                CREATE TABLE IF NOT EXISTS predictions (
                    id        INTEGER PRIMARY KEY,
                    iteration INTEGER NOT NULL,
                    surrogate TEXT    NOT NULL,
                    motif     TEXT    NOT NULL,
                    score     REAL
                );
                CREATE INDEX IF NOT EXISTS predictions_iteration ON predictions(iteration);
                CREATE TABLE IF NOT EXISTS jobs (
                    job_id        TEXT    PRIMARY KEY,
                    executor      TEXT    NOT NULL,
                    configuration TEXT    NOT NULL,
                    motif         TEXT    NOT NULL,
                    fidelity      TEXT    NOT NULL,
                    seed          INTEGER NOT NULL,
                    attempt       INTEGER NOT NULL,
                    result_path   TEXT    NOT NULL,
                    state         TEXT    NOT NULL CHECK (state IN ('submitted', 'finished', 'cancelled')),
                    submitted_at  TEXT    NOT NULL,
                    finished_at   TEXT
                );
                CREATE TABLE IF NOT EXISTS checkpoints (
                    iteration INTEGER NOT NULL,
                    component TEXT    NOT NULL,
                    state     BLOB    NOT NULL,
                    saved_at  TEXT    NOT NULL,
                    PRIMARY KEY (iteration, component)
                );
                PRAGMA user_version = {SchemaVersion};
                """;
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private List<EvaluationRecord> Query(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            Bind(command, parameters);
            using var reader = command.ExecuteReader();
            var rows = new List<EvaluationRecord>();
            while (reader.Read())
            {
                rows.Add(ReadEvaluation(reader));
            }

            return rows;
        }
    }

    private static EvaluationRecord ReadEvaluation(SqliteDataReader reader)
    {
        string? Text(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetString(reader.GetOrdinal(column));
        double? Real(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetDouble(reader.GetOrdinal(column));
        int? Integer(string column) => reader.IsDBNull(reader.GetOrdinal(column)) ? null : reader.GetInt32(reader.GetOrdinal(column));
        return new EvaluationRecord
        {
            Id = reader.GetInt64(reader.GetOrdinal("id")),
            Motif = Text("motif")!,
            Configuration = Text("configuration")!,
            Fidelity = Text("fidelity")!,
            Seed = Integer("seed")!.Value,
            Status = Text("status") == "completed" ? EvaluationStatus.Completed : EvaluationStatus.Failed,
            Value = Real("value"),
            Metric = Text("metric"),
            Error = Text("error"),
            Details = Text("details"),
            Seconds = Real("seconds") ?? 0,
            Attempt = Integer("attempt") ?? 1,
            Iteration = Integer("iteration"),
            Purpose = Text("purpose"),
            JobId = Text("job_id"),
            FinishedAt = DateTimeOffset.Parse(Text("finished_at")!, CultureInfo.InvariantCulture),
        };
    }

    private void Execute(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            Bind(command, parameters);
            command.ExecuteNonQuery();
        }
    }

    private T? Scalar<T>(string sql, params (string Name, object? Value)[] parameters)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            Bind(command, parameters);
            var value = command.ExecuteScalar();
            return value is null or DBNull ? default : (T)Convert.ChangeType(value, typeof(T), CultureInfo.InvariantCulture);
        }
    }

    private static void Bind(SqliteCommand command, params (string Name, object? Value)[] parameters)
    {
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }
    }
}
