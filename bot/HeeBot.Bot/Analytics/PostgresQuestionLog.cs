using System.Data.Common;
using Npgsql;

namespace HeeBot.Bot.Analytics;

/// <summary>
/// The question log in PostgreSQL, shared by several instances: each writes its own batches straight in (an event id
/// already there is skipped, so a batch written twice counts once) and any instance reports the same figures.
/// <see cref="MigrateAsync"/> creates and migrates the schema at start-up, one instance at a time (an advisory lock).
/// </summary>
internal sealed class PostgresQuestionLog(NpgsqlDataSource dataSource) : SqlQuestionLogStore, IAsyncDisposable
{
    /// <summary>Serialises migrations across instances: any fixed number, the same in every HeeBot.</summary>
    private const long MigrationLock = 0x4865_6542_6f74; // "HeeBot"

    /// <summary>Schema version i + 1 is made by Migrations[i] from version i; append only, never edit one that shipped.</summary>
    internal static readonly string[] Migrations =
    [
        """
        CREATE TABLE questions (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id text UNIQUE, time timestamptz NOT NULL,
            channel text NOT NULL, user_hash text NOT NULL, question text NOT NULL, kind text NOT NULL,
            passage_id text, rank integer, confidence double precision);
        CREATE INDEX questions_time ON questions (time);
        CREATE TABLE feedback (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, event_id text UNIQUE, time timestamptz NOT NULL,
            channel text NOT NULL, user_hash text NOT NULL, question text NOT NULL, passage_id text NOT NULL,
            rank integer, confidence double precision, helpful integer NOT NULL);
        CREATE INDEX feedback_time ON feedback (time);
        """,
    ];

    protected override string DayOfTime => "to_char(time AT TIME ZONE 'UTC', 'YYYY-MM-DD')";

    /// <summary>Where the log is, for messages: host, port and database, never the password.</summary>
    public string Server
    {
        get
        {
            var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
            return $"{settings.Host}:{settings.Port}/{settings.Database}";
        }
    }

    public static PostgresQuestionLog Create(string connectionString) => new(NpgsqlDataSource.Create(connectionString));

    /// <summary>Creates the tables, or brings an older schema up to date; waits while another instance does it.</summary>
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({MigrationLock}); CREATE TABLE IF NOT EXISTS heebot_schema (version integer NOT NULL)", cancellationToken);
        await using (var read = new NpgsqlCommand("SELECT COALESCE(MAX(version), 0) FROM heebot_schema", connection))
        {
            var current = Convert.ToInt32(await read.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (current > Migrations.Length)
            {
                throw new InvalidOperationException($"the question log at {Server} has schema version {current}, newer than this HeeBot ({Migrations.Length})");
            }

            for (var v = current; v < Migrations.Length; v++)
            {
                await ExecuteAsync(connection, Migrations[v], cancellationToken);
            }

            if (current < Migrations.Length)
            {
                await ExecuteAsync(connection, $"DELETE FROM heebot_schema; INSERT INTO heebot_schema VALUES ({Migrations.Length})", cancellationToken);
            }
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public ValueTask DisposeAsync() => dataSource.DisposeAsync();

    protected override object TimeValue(DateTimeOffset time) => time.ToUniversalTime();

    protected override async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
