using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HeeBot.Retrieval.Analytics;

/// <summary>
/// The question log in a SQLite file: created and migrated on open (schema version in <c>user_version</c>),
/// write-ahead logging and a busy timeout so concurrent turns and a reader can share it, one connection per
/// operation from the pool.
/// </summary>
public sealed class SqliteQuestionLog : IQuestionLog
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

    private readonly string connectionString;

    private SqliteQuestionLog(string connectionString) => this.connectionString = connectionString;

    public string Path { get; private init; } = string.Empty;

    /// <summary>Opens (creating folder and file if need be) and migrates the log at <paramref name="path"/>.</summary>
    public static SqliteQuestionLog Open(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        var log = new SqliteQuestionLog(new SqliteConnectionStringBuilder { DataSource = full, Pooling = true, DefaultTimeout = 30 }.ToString()) { Path = full };
        log.Migrate();
        return log;
    }

    /// <summary>Opens an existing log read-only, for reports; fails with a clear message when it does not exist.</summary>
    public static SqliteQuestionLog OpenExisting(string path)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"no question log at {full}", full);
        }

        return Open(full);
    }

    public Task RecordQuestionAsync(QuestionEvent question, CancellationToken cancellationToken) => WriteAsync([question], cancellationToken);

    public Task RecordFeedbackAsync(FeedbackEvent feedback, CancellationToken cancellationToken) => WriteAsync([feedback], cancellationToken);

    /// <summary>
    /// Writes question and feedback events in one transaction, with one prepared statement per table for the
    /// whole batch (preparing an INSERT costs more than running it). An event whose <c>EventId</c> the log already
    /// has is skipped, so a queue that delivers an event twice logs it once.
    /// </summary>
    public async Task WriteAsync(IReadOnlyList<object> events, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
        SqliteCommand? questions = null, feedback = null;
        try
        {
            foreach (var e in events)
            {
                switch (e)
                {
                    case QuestionEvent question:
                        questions ??= Insert(connection, transaction, "questions", "kind");
                        Bind(questions, question.Time, question.Channel, question.UserHash, question.Question, question.PassageId, question.Rank, question.Confidence, Kind(question.Kind), question.EventId);
                        await questions.ExecuteNonQueryAsync(cancellationToken);
                        break;
                    case FeedbackEvent helpful:
                        feedback ??= Insert(connection, transaction, "feedback", "helpful");
                        Bind(feedback, helpful.Time, helpful.Channel, helpful.UserHash, helpful.Question, helpful.PassageId, helpful.Rank, helpful.Confidence, helpful.Helpful ? 1 : 0, helpful.EventId);
                        await feedback.ExecuteNonQueryAsync(cancellationToken);
                        break;
                    default:
                        throw new ArgumentException($"not a question log event: {e.GetType().Name}", nameof(events));
                }
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            questions?.Dispose();
            feedback?.Dispose();
        }
    }

    /// <summary>An INSERT into <paramref name="table"/> of the columns questions and feedback share, plus <paramref name="last"/>; none for an event id already there.</summary>
    private static SqliteCommand Insert(SqliteConnection connection, SqliteTransaction transaction, string table, string last)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"""
            INSERT OR IGNORE INTO {table} (time, channel, user_hash, question, passage_id, rank, confidence, {last}, event_id)
            VALUES ($time, $channel, $user, $question, $passage, $rank, $confidence, $last, $event)
            """;
        foreach (var name in (string[])["$time", "$channel", "$user", "$question", "$passage", "$rank", "$confidence", "$last", "$event"])
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    public async Task<QuestionReport> ReportAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var from = Time(since);

        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in QueryAsync(connection, "SELECT kind, COUNT(*) FROM questions WHERE time >= $since GROUP BY kind", from, cancellationToken))
        {
            kinds[row.GetString(0)] = row.GetInt32(1);
        }

        var (helpful, notHelpful) = (0, 0);
        await foreach (var row in QueryAsync(connection, "SELECT COALESCE(SUM(helpful), 0), COALESCE(SUM(1 - helpful), 0) FROM feedback WHERE time >= $since", from, cancellationToken))
        {
            (helpful, notHelpful) = (row.GetInt32(0), row.GetInt32(1));
        }

        var declined = new List<QuestionCount>();
        await foreach (var row in QueryAsync(connection, """
            SELECT MIN(question), COUNT(*) AS n FROM questions WHERE time >= $since AND kind IN ('declined', 'miss')
            GROUP BY lower(trim(question)) ORDER BY n DESC, MIN(question) LIMIT 10
            """, from, cancellationToken))
        {
            declined.Add(new QuestionCount(row.GetString(0), row.GetInt32(1)));
        }

        var passages = new List<PassageFeedback>();
        await foreach (var row in QueryAsync(connection, """
            SELECT passage_id, SUM(1 - helpful) AS bad, SUM(helpful) FROM feedback WHERE time >= $since
            GROUP BY passage_id HAVING bad > 0 ORDER BY bad DESC, passage_id LIMIT 10
            """, from, cancellationToken))
        {
            passages.Add(new PassageFeedback(row.GetString(0), row.GetInt32(1), row.GetInt32(2)));
        }

        var days = new SortedDictionary<DateOnly, DayFigures>();
        await foreach (var row in QueryAsync(connection, """
            SELECT substr(time, 1, 10), COUNT(*), SUM(kind = 'answered') FROM questions WHERE time >= $since GROUP BY 1
            """, from, cancellationToken))
        {
            var day = DateOnly.ParseExact(row.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            days[day] = new DayFigures(day, row.GetInt32(1), row.GetInt32(2), 0, 0);
        }

        await foreach (var row in QueryAsync(connection, """
            SELECT substr(time, 1, 10), SUM(helpful), SUM(1 - helpful) FROM feedback WHERE time >= $since GROUP BY 1
            """, from, cancellationToken))
        {
            var day = DateOnly.ParseExact(row.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            var figures = days.GetValueOrDefault(day) ?? new DayFigures(day, 0, 0, 0, 0);
            days[day] = figures with { Helpful = row.GetInt32(1), NotHelpful = row.GetInt32(2) };
        }

        return new QuestionReport(
            since,
            kinds.Values.Sum(),
            kinds.GetValueOrDefault("answered"),
            kinds.GetValueOrDefault("declined"),
            kinds.GetValueOrDefault("didyoumean"),
            kinds.GetValueOrDefault("miss"),
            helpful,
            notHelpful,
            declined,
            passages,
            [.. days.Values]);
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
            throw new InvalidOperationException($"the question log at {Path} has schema version {current}, newer than this HeeBot ({SchemaVersion})");
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

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var timeout = connection.CreateCommand();
        // In WAL mode NORMAL survives a process crash and skips an fsync per insert; a power cut may lose the
        // last few events, which a question log can afford.
        timeout.CommandText = "PRAGMA busy_timeout = 5000; PRAGMA synchronous = NORMAL;";
        await timeout.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    private static async IAsyncEnumerable<SqliteDataReader> QueryAsync(
        SqliteConnection connection, string sql, string since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$since", since);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader;
        }
    }

    private static void Bind(SqliteCommand command, DateTimeOffset time, string channel, string user, string question, string? passage, int? rank, double? confidence, object last, string? eventId)
    {
        var values = command.Parameters;
        values[0].Value = Time(time);
        values[1].Value = channel;
        values[2].Value = user;
        values[3].Value = question.Length > 1000 ? question[..1000] : question;
        values[4].Value = (object?)passage ?? DBNull.Value;
        values[5].Value = (object?)rank ?? DBNull.Value;
        values[6].Value = (object?)confidence ?? DBNull.Value;
        values[7].Value = last;
        values[8].Value = (object?)eventId ?? DBNull.Value;
    }

    /// <summary>UTC, fixed width, so text order is time order and the first ten characters are the day.</summary>
    private static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string Kind(AnswerKind kind) => kind switch
    {
        AnswerKind.Answered => "answered",
        AnswerKind.Declined => "declined",
        AnswerKind.DidYouMean => "didyoumean",
        _ => "miss",
    };
}
