using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace HeeBot.Bot.Analytics;

/// <summary>
/// The question log in a SQLite file, the embedded default for one instance: created and migrated when opened for
/// writing (schema version in <c>user_version</c>), write-ahead logging and a busy timeout so the writer and a
/// report can share it, one pooled connection per operation. <see cref="OpenReadOnly"/> neither creates nor migrates.
/// </summary>
internal sealed class SqliteQuestionLog : SqlQuestionLogStore
{
    private const int SchemaVersion = 2;

    /// <summary>Schema version i + 1 is made by Migrations[i] from version i; append only, never edit one that shipped.</summary>
    internal static readonly string[] Migrations =
    [
        """
        CREATE TABLE questions (
            id INTEGER PRIMARY KEY, time TEXT NOT NULL, channel TEXT NOT NULL, user_hash TEXT NOT NULL,
            question TEXT NOT NULL, kind TEXT NOT NULL, passage_id TEXT, rank INTEGER, confidence REAL);
        CREATE INDEX questions_time ON questions (time);
        CREATE TABLE feedback (
            id INTEGER PRIMARY KEY, time TEXT NOT NULL, channel TEXT NOT NULL, user_hash TEXT NOT NULL,
            question TEXT NOT NULL, passage_id TEXT NOT NULL, rank INTEGER, confidence REAL, helpful INTEGER NOT NULL);
        CREATE INDEX feedback_time ON feedback (time);
        """,
        """
        ALTER TABLE questions ADD COLUMN event_id TEXT;
        CREATE UNIQUE INDEX questions_event ON questions (event_id);
        ALTER TABLE feedback ADD COLUMN event_id TEXT;
        CREATE UNIQUE INDEX feedback_event ON feedback (event_id);
        """,
    ];

    private static readonly object Configured = new();

    private readonly string connectionString;

    /// <summary>The pooled SQLite connections already given their pragmas, forgotten with them.</summary>
    private readonly ConditionalWeakTable<SQLitePCL.sqlite3, object> configured = new();

    private SqliteQuestionLog(string file, SqliteOpenMode mode)
    {
        File = file;
        connectionString = new SqliteConnectionStringBuilder { DataSource = file, Mode = mode, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The full path of the database file.</summary>
    public string File { get; }

    protected override string DayOfTime => "substr(time, 1, 10)";

    /// <summary>Opens the log at <paramref name="path"/> for writing, creating the folder and file and migrating the schema if need be.</summary>
    public static SqliteQuestionLog Open(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var log = new SqliteQuestionLog(full, SqliteOpenMode.ReadWriteCreate);
        log.Migrate();
        return log;
    }

    /// <summary>Opens an existing log for reports only: nothing is created, migrated or written.</summary>
    /// <exception cref="FileNotFoundException">There is no log at <paramref name="path"/>.</exception>
    public static SqliteQuestionLog OpenReadOnly(string path)
    {
        var full = Path.GetFullPath(path);
        if (!System.IO.File.Exists(full))
        {
            throw new FileNotFoundException($"no question log at {full}", full);
        }

        return new SqliteQuestionLog(full, SqliteOpenMode.ReadOnly);
    }

    protected override object TimeValue(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture); // fixed width: text order is time order

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // Settings of the database connection itself, which the pool keeps open: set once, not on every batch.
        if (!configured.TryGetValue(connection.Handle!, out _))
        {
            await using var pragmas = connection.CreateCommand();
            // In WAL mode NORMAL survives a process crash and skips an fsync per commit; a power cut may lose the last
            // few events, which a question log can afford.
            pragmas.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken);
            configured.AddOrUpdate(connection.Handle!, Configured);
        }

        return connection;
    }

    private void Migrate()
    {
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            wal.ExecuteNonQuery();
        }

        using var version = connection.CreateCommand();
        version.CommandText = "PRAGMA user_version;";
        var current = Convert.ToInt32(version.ExecuteScalar(), CultureInfo.InvariantCulture);
        if (current > SchemaVersion)
        {
            throw new InvalidOperationException($"the question log at {File} has schema version {current}, newer than this HeeBot ({SchemaVersion})");
        }

        for (var v = current; v < SchemaVersion; v++)
        {
            using var transaction = connection.BeginTransaction();
            using var migrate = connection.CreateCommand();
            migrate.Transaction = transaction;
            migrate.CommandText = $"{Migrations[v]}\nPRAGMA user_version = {v + 1};";
            migrate.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}
