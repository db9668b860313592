using System.Data.Common;
using System.Diagnostics;
using System.Globalization;

namespace HeeBot.Bot.Analytics;

/// <summary>
/// The question log's tables and queries, the same SQL for SQLite and PostgreSQL (both take <c>ON CONFLICT DO
/// NOTHING</c> and <c>FILTER</c>); a subclass opens connections, creates and migrates its schema, and says how it
/// stores a time and reads back its day.
/// </summary>
internal abstract class SqlQuestionLogStore : IQuestionLogStore
{
    private const string Columns = "event_id, time, channel, user_hash, question, passage_id, rank, confidence";

    /// <summary>The kind of a did-you-mean choice, which is not a question of its own.</summary>
    private const string ChosenKind = "chosen";

    /// <summary>The UTC day of the <c>time</c> column as text, yyyy-MM-dd.</summary>
    protected abstract string DayOfTime { get; }

    protected abstract ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken);

    /// <summary>A time as the <c>time</c> column holds it.</summary>
    protected abstract object TimeValue(DateTimeOffset time);

    public async Task WriteAsync(IReadOnlyList<QuestionLogEvent> events, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        DbCommand? questions = null, feedback = null;
        try
        {
            foreach (var e in events)
            {
                var (command, last, value) = e switch
                {
                    QuestionAsked q => (questions ??= Insert(connection, transaction, "questions", "kind"), (object)Kind(q.Outcome), (q.PassageId, q.Rank, q.Confidence)),
                    FeedbackGiven f => (feedback ??= Insert(connection, transaction, "feedback", "helpful"), f.Helpful ? 1 : 0, ((string?)f.PassageId, f.Rank, f.Confidence)),
                    _ => throw new UnreachableException(e.GetType().Name),
                };
                object?[] values = [e.EventId, TimeValue(e.Time), e.Channel, e.UserHash, e.StoredQuestion, value.Item1, value.Item2, value.Item3, last];
                for (var i = 0; i < values.Length; i++)
                {
                    command.Parameters[i].Value = values[i] ?? DBNull.Value;
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            questions?.Dispose();
            feedback?.Dispose();
        }
    }

    public async Task<QuestionReport> ReportAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var from = TimeValue(since);
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in QueryAsync(connection, "SELECT kind, COUNT(*) FROM questions WHERE time >= @since GROUP BY kind", from, cancellationToken))
        {
            kinds[row.GetString(0)] = Int(row, 1);
        }

        var (helpful, notHelpful) = (0, 0);
        await foreach (var row in QueryAsync(connection, "SELECT COALESCE(SUM(helpful), 0), COALESCE(SUM(1 - helpful), 0) FROM feedback WHERE time >= @since", from, cancellationToken))
        {
            (helpful, notHelpful) = (Int(row, 0), Int(row, 1));
        }

        var declined = new List<QuestionCount>();
        await foreach (var row in QueryAsync(connection, """
            SELECT MIN(question), COUNT(*) AS n FROM questions WHERE time >= @since AND kind IN ('declined', 'miss')
            GROUP BY lower(trim(question)) ORDER BY n DESC, MIN(question) LIMIT 10
            """, from, cancellationToken))
        {
            declined.Add(new QuestionCount(row.GetString(0), Int(row, 1)));
        }

        var passages = new List<PassageFeedback>();
        await foreach (var row in QueryAsync(connection, """
            SELECT passage_id, SUM(1 - helpful) AS bad, SUM(helpful) FROM feedback WHERE time >= @since
            GROUP BY passage_id HAVING SUM(1 - helpful) > 0 ORDER BY bad DESC, passage_id LIMIT 10
            """, from, cancellationToken))
        {
            passages.Add(new PassageFeedback(row.GetString(0), Int(row, 1), Int(row, 2)));
        }

        var days = new SortedDictionary<DateOnly, DayFigures>();
        await foreach (var row in QueryAsync(connection, $"""
            SELECT {DayOfTime}, COUNT(*), COUNT(*) FILTER (WHERE kind = 'answered') FROM questions WHERE time >= @since GROUP BY 1
            """, from, cancellationToken))
        {
            var day = Day(row);
            days[day] = new DayFigures(day, Int(row, 1), Int(row, 2), 0, 0);
        }

        await foreach (var row in QueryAsync(connection, $"SELECT {DayOfTime}, SUM(helpful), SUM(1 - helpful) FROM feedback WHERE time >= @since GROUP BY 1", from, cancellationToken))
        {
            var day = Day(row);
            days[day] = (days.GetValueOrDefault(day) ?? new DayFigures(day, 0, 0, 0, 0)) with { Helpful = Int(row, 1), NotHelpful = Int(row, 2) };
        }

        return new QuestionReport(
            since,
            kinds.Where(k => k.Key != ChosenKind).Sum(k => k.Value),
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

    public async Task<UsageSuggestions> SuggestionsAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        var from = TimeValue(since);
        async Task<List<QuestionCount>> CountsAsync(string sql, bool withPassage)
        {
            var found = new List<QuestionCount>();
            await foreach (var row in QueryAsync(connection, sql, from, cancellationToken))
            {
                found.Add(new QuestionCount(row.GetString(0), Int(row, 1)) { PassageId = withPassage ? row.GetString(2) : null });
            }

            return found;
        }

        // The same question in other case or spacing counts as one, spelt as it sorts last (lower case before shouting); the most asked first.
        var helpful = await CountsAsync("""
            SELECT MAX(question), COUNT(*) AS n, passage_id FROM feedback WHERE time >= @since AND helpful = 1 AND question <> ''
            GROUP BY lower(trim(question)), passage_id ORDER BY n DESC, MAX(question) LIMIT 100
            """, withPassage: true);
        var chosen = await CountsAsync($"""
            SELECT MAX(question), COUNT(*) AS n, passage_id FROM questions WHERE time >= @since AND kind = '{ChosenKind}' AND passage_id IS NOT NULL AND question <> ''
            GROUP BY lower(trim(question)), passage_id ORDER BY n DESC, MAX(question) LIMIT 100
            """, withPassage: true);
        var gaps = await CountsAsync("""
            SELECT MAX(question), COUNT(*) AS n FROM questions WHERE time >= @since AND kind IN ('declined', 'miss') AND question <> ''
            GROUP BY lower(trim(question)) HAVING COUNT(*) > 1 ORDER BY n DESC, MAX(question) LIMIT 50
            """, withPassage: false);
        return new UsageSuggestions(helpful, chosen, gaps);
    }

    public async Task<int> DeleteOlderThanAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM questions WHERE time < @cutoff; DELETE FROM feedback WHERE time < @cutoff;";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@cutoff";
        parameter.Value = TimeValue(cutoff);
        command.Parameters.Add(parameter);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM questions WHERE 1 = 0";
        await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>A prepared INSERT into <paramref name="table"/> of the shared columns plus <paramref name="last"/>; nothing for an event id already there.</summary>
    private static DbCommand Insert(DbConnection connection, DbTransaction transaction, string table, string last)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({Columns}, {last}) VALUES (@p0, @p1, @p2, @p3, @p4, @p5, @p6, @p7, @p8) ON CONFLICT DO NOTHING";
        for (var i = 0; i < 9; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = $"@p{i}";
            command.Parameters.Add(parameter);
        }

        return command;
    }

    private static async IAsyncEnumerable<DbDataReader> QueryAsync(
        DbConnection connection, string sql, object since, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@since";
        parameter.Value = since;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return reader;
        }
    }

    private static int Int(DbDataReader row, int column) => Convert.ToInt32(row.GetValue(column), CultureInfo.InvariantCulture);

    private static DateOnly Day(DbDataReader row) => DateOnly.ParseExact(row.GetString(0), "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Kind(Outcome outcome) => outcome switch
    {
        Outcome.Answered => "answered",
        Outcome.Declined => "declined",
        Outcome.DidYouMean => "didyoumean",
        Outcome.Signposted => "signposted",
        Outcome.Chosen => ChosenKind,
        _ => "miss",
    };
}
