using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using HeeBot.BotFramework.DirectLine;
using HeeBot.BotFramework.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace HeeBot.Bot.Conversations;

/// <summary>
/// The built-in Direct Line's conversations in a SQLite file, the default for one instance, so open chats survive a
/// restart: per conversation its user, whether the bot was told, when it was last used and how many activities were
/// ever appended (the watermark); its last <see cref="DirectLineOptions.MaxActivitiesPerConversation"/> activities.
/// Idle ones (<see cref="DirectLineOptions.ConversationIdleTimeout"/>) are forgotten. Writes go through one connection
/// in turn; reads share the pool (write-ahead logging). Waiting for a change is within this process only, as one
/// instance is what this store is for (several share Redis).
/// </summary>
internal sealed class SqliteDirectLineStore : IDirectLineStore, IDisposable
{
    private const int SchemaVersion = 1;

    private const string Schema = """
        CREATE TABLE conversations (
            id TEXT PRIMARY KEY, user_id TEXT, started INTEGER NOT NULL DEFAULT 0,
            last_used INTEGER NOT NULL, appended INTEGER NOT NULL DEFAULT 0);
        CREATE INDEX conversations_last_used ON conversations (last_used);
        CREATE TABLE activities (
            conversation_id TEXT NOT NULL, seq INTEGER NOT NULL, json TEXT NOT NULL,
            PRIMARY KEY (conversation_id, seq)) WITHOUT ROWID;
        """;

    private readonly string connectionString;
    private readonly SqliteConnection writer;
    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly DirectLineOptions options;
    private readonly TimeProvider time;
    private readonly ConcurrentDictionary<string, TaskCompletionSource> waiting = new(StringComparer.Ordinal);

    private SqliteDirectLineStore(string file, DirectLineOptions options, TimeProvider time)
    {
        connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = true, DefaultTimeout = 30 }.ToString();
        this.options = options;
        this.time = time;
        writer = new SqliteConnection(connectionString);
        writer.Open();
        Execute(writer, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;");
        var version = Convert.ToInt32(Scalar(writer, "PRAGMA user_version;"), CultureInfo.InvariantCulture);
        if (version > SchemaVersion)
        {
            throw new InvalidOperationException($"the Direct Line store at {file} has schema version {version}, newer than this HeeBot ({SchemaVersion})");
        }

        if (version == 0)
        {
            Execute(writer, $"BEGIN; {Schema} PRAGMA user_version = {SchemaVersion}; COMMIT;");
        }
    }

    /// <summary>Opens (creating folder, file and schema if need be) the store at <paramref name="path"/>.</summary>
    public static SqliteDirectLineStore Open(string path, IOptions<DirectLineOptions> options, TimeProvider time)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return new SqliteDirectLineStore(full, options.Value, time);
    }

    private long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    private long IdleCutoff => Now - (long)options.ConversationIdleTimeout.TotalMilliseconds;

    public async Task<IDirectLineConversation?> FindAsync(string id, CancellationToken cancellationToken) =>
        await WriteAsync(command =>
        {
            command.CommandText = "UPDATE conversations SET last_used = @now WHERE id = @id AND last_used >= @cutoff RETURNING user_id";
            command.Parameters.AddWithValue("@now", Now);
            command.Parameters.AddWithValue("@id", id);
            command.Parameters.AddWithValue("@cutoff", IdleCutoff);
            using var reader = command.ExecuteReader();
            return reader.Read() ? new Conversation(this, id, reader.IsDBNull(0) ? null : reader.GetString(0)) : null;
        });

    public async Task<IDirectLineConversation?> CreateAsync(string id, string? userId, CancellationToken cancellationToken)
    {
        var created = await WriteAsync(command =>
        {
            // Idle conversations go first, so a full store makes room before it refuses.
            command.CommandText = """
                DELETE FROM activities WHERE conversation_id IN (SELECT id FROM conversations WHERE last_used < @cutoff);
                DELETE FROM conversations WHERE last_used < @cutoff;
                INSERT INTO conversations (id, user_id, last_used)
                    SELECT @id, @user, @now WHERE (SELECT COUNT(*) FROM conversations) < @max OR EXISTS (SELECT 1 FROM conversations WHERE id = @id)
                    ON CONFLICT (id) DO UPDATE SET last_used = @now;
                SELECT changes();
                """;
            command.Parameters.AddWithValue("@cutoff", IdleCutoff);
            command.Parameters.AddWithValue("@id", id);
            command.Parameters.AddWithValue("@user", (object?)userId ?? DBNull.Value);
            command.Parameters.AddWithValue("@now", Now);
            command.Parameters.AddWithValue("@max", options.MaxConversations);
            return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
        });
        return created ? await FindAsync(id, cancellationToken) : null;
    }

    public void Dispose()
    {
        writer.Dispose();
        writing.Dispose();
    }

    /// <summary>Runs <paramref name="write"/> on the one writing connection, one at a time.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteCommand, T> write)
    {
        await writing.WaitAsync();
        try
        {
            using var command = writer.CreateCommand();
            return write(command);
        }
        finally
        {
            writing.Release();
        }
    }

    private void Wake(string id)
    {
        if (waiting.TryRemove(id, out var waiter))
        {
            waiter.TrySetResult();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }

    private sealed class Conversation(SqliteDirectLineStore store, string id, string? userId) : IDirectLineConversation
    {
        public string Id { get; } = id;

        public string? UserId { get; } = userId;

        public Task<bool> TryMarkStartedAsync(CancellationToken cancellationToken) => store.WriteAsync(command =>
        {
            command.CommandText = "UPDATE conversations SET started = 1 WHERE id = @id AND started = 0";
            command.Parameters.AddWithValue("@id", Id);
            return command.ExecuteNonQuery() == 1;
        });

        public async Task<Activity> AppendAsync(Activity activity, CancellationToken cancellationToken)
        {
            var json = JsonSerializer.Serialize(activity with { Id = null }, BotJson.Options);
            var sequence = await store.WriteAsync(command =>
            {
                using var transaction = store.writer.BeginTransaction();
                command.Transaction = transaction;
                command.CommandText = """
                    UPDATE conversations SET appended = appended + 1, last_used = @now WHERE id = @id RETURNING appended - 1;
                    """;
                command.Parameters.AddWithValue("@id", Id);
                command.Parameters.AddWithValue("@now", store.Now);
                var seq = Convert.ToInt64(command.ExecuteScalar() ?? throw new InvalidOperationException($"Direct Line conversation {Id} is gone"), CultureInfo.InvariantCulture);
                command.CommandText = """
                    INSERT INTO activities (conversation_id, seq, json) VALUES (@id, @seq, @json);
                    DELETE FROM activities WHERE conversation_id = @id AND seq <= @seq - @capacity;
                    """;
                command.Parameters.AddWithValue("@seq", seq);
                command.Parameters.AddWithValue("@json", json);
                command.Parameters.AddWithValue("@capacity", store.options.MaxActivitiesPerConversation);
                command.ExecuteNonQuery();
                transaction.Commit();
                return seq;
            });
            store.Wake(Id);
            return activity with { Id = ActivityId(sequence) };
        }

        public async Task<(IReadOnlyList<Activity> Activities, string Watermark)> SinceAsync(string? watermark, CancellationToken cancellationToken)
        {
            var from = long.TryParse(watermark, NumberStyles.None, CultureInfo.InvariantCulture, out var w) ? w : 0;
            await using var connection = new SqliteConnection(store.connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken); // one snapshot for both reads
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "SELECT appended FROM conversations WHERE id = @id";
            command.Parameters.AddWithValue("@id", Id);
            var appended = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken) ?? 0L, CultureInfo.InvariantCulture);
            command.CommandText = "SELECT seq, json FROM activities WHERE conversation_id = @id AND seq >= @from ORDER BY seq";
            command.Parameters.AddWithValue("@from", from);
            var activities = new List<Activity>();
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    activities.Add(JsonSerializer.Deserialize<Activity>(reader.GetString(1), BotJson.Options)! with { Id = ActivityId(reader.GetInt64(0)) });
                }
            }

            return (activities, appended.ToString(CultureInfo.InvariantCulture));
        }

        public Task WaitForChangeAsync() =>
            store.waiting.GetOrAdd(Id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        private string ActivityId(long sequence) => $"{Id}|{sequence.ToString("D7", CultureInfo.InvariantCulture)}";
    }
}
