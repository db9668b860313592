using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Knowledge;
using Lucene.Net.Index;
using Microsoft.Extensions.AI;

namespace HeeBot.Retrieval.Indexing;

/// <summary>
/// The vectors of each passage for the index: one for <c>title: text</c>, one for each alternate question of its
/// section (the form that ranked best in the measurements of retrieval.md section 7) and, for a passage of more than
/// one sentence, one for each <c>title: sentence</c>, so a question about one fact of a long passage meets that fact's
/// vector instead of the whole passage's (on the dev split of user-questions.tsv: recall@1 59 -> 60 of 65, wrongly
/// declined 3 -> 2, unanswerable declined 25 of 26 both ways, at the same fusion settings). Vectors of a passage whose
/// inputs are unchanged since the previous index at the same place (same content hash, same model) are taken from
/// it, so editing one article of a large corpus re-embeds only that article.
/// </summary>
internal static partial class PassageEmbeddings
{
    /// <summary>Recorded in the commit data; a change to <see cref="Inputs"/> must change it, so older indexes are rebuilt.</summary>
    public const string PassageForm = "title-colon-text+questions+title-colon-sentences/2";

    /// <summary>Texts embedded between two progress lines at most.</summary>
    private const int Chunk = 256;

    public static IReadOnlyList<string> Inputs(Passage passage)
    {
        var sentences = Sentences(passage.Text);
        return [$"{passage.Title}: {passage.Text}", .. passage.Questions, .. sentences.Length > 1 ? sentences.Select(s => $"{passage.Title}: {s}") : []];
    }

    /// <summary>
    /// A passage's sentences: cut after a full stop, question or exclamation mark followed by white space and a capital
    /// letter or digit, so "e.g. the" and "4.8" stay whole.
    /// </summary>
    internal static string[] Sentences(string text) =>
        [.. SentenceEnd().Split(text).Select(s => s.Trim()).Where(s => s.Length > 0)];

    /// <summary>The passage's content key: a hash of the model and every input, so a changed input or model embeds again.</summary>
    public static string Key(EmbeddingModel model, IReadOnlyList<string> inputs)
    {
        var text = string.Join('\u001F', [model.Id, model.Dimensions.ToString(CultureInfo.InvariantCulture), PassageForm, .. inputs]);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    /// <summary>Each passage's content key and stored vectors, in passage order.</summary>
    public static (string Key, byte[] Vectors)[] Compute(
        IReadOnlyList<Passage> passages, IEmbeddingGenerator<string, Embedding<float>> generator, string? previousIndex, Action<string>? log)
    {
        var model = EmbeddingModel.Of(generator);
        var inputs = passages.Select(Inputs).ToArray();
        var keys = inputs.Select(i => Key(model, i)).ToArray();
        var known = previousIndex is null ? new Dictionary<string, byte[]>() : ReadPrevious(previousIndex, model, keys.ToHashSet(StringComparer.Ordinal));

        // Each distinct text of the passages to embed, once: a section's questions serve all its passages.
        var texts = new Dictionary<string, float[]?>(StringComparer.Ordinal);
        for (var i = 0; i < passages.Count; i++)
        {
            if (!known.ContainsKey(keys[i]))
            {
                foreach (var text in inputs[i])
                {
                    texts.TryAdd(text, null);
                }
            }
        }

        var reused = keys.Count(known.ContainsKey);
        log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"embedding {texts.Count:N0} texts with {model}; {reused:N0} of {passages.Count:N0} passages' vectors reused"));
        Embed(texts, generator, log);

        var result = new (string, byte[])[passages.Count];
        for (var i = 0; i < passages.Count; i++)
        {
            result[i] = (keys[i], known.TryGetValue(keys[i], out var bytes) ? bytes : PassageVectors.Encode([.. inputs[i].Select(t => texts[t]!)]));
        }

        return result;
    }

    private static void Embed(Dictionary<string, float[]?> texts, IEmbeddingGenerator<string, Embedding<float>> generator, Action<string>? log)
    {
        var pending = texts.Keys.ToArray();
        var clock = Stopwatch.StartNew();
        var lastReport = TimeSpan.Zero;
        for (var start = 0; start < pending.Length; start += Chunk)
        {
            var chunk = pending[start..Math.Min(start + Chunk, pending.Length)];

            // A build is a batch job on its own thread: the in-process model completes synchronously, and a hosted one
            // would only hold up this thread.
            var embeddings = generator.GenerateAsync(chunk).GetAwaiter().GetResult();
            for (var i = 0; i < chunk.Length; i++)
            {
                texts[chunk[i]] = embeddings[i].Vector.ToArray();
            }

            var done = start + chunk.Length;
            if (clock.Elapsed - lastReport >= TimeSpan.FromSeconds(5) && done < pending.Length)
            {
                lastReport = clock.Elapsed;
                log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"embedded {done:N0}/{pending.Length:N0} texts ({done / clock.Elapsed.TotalSeconds:N0}/s)"));
            }
        }

        if (pending.Length > 0)
        {
            log?.Invoke(string.Create(CultureInfo.InvariantCulture, $"embedded {pending.Length:N0} texts in {clock.Elapsed.TotalSeconds:0.00} s ({pending.Length / Math.Max(clock.Elapsed.TotalSeconds, 1e-3):N0}/s)"));
        }
    }

    /// <summary>The vectors of the previous index by content key, where it was built with the same model; none when it cannot be read.</summary>
    private static Dictionary<string, byte[]> ReadPrevious(string indexPath, EmbeddingModel model, HashSet<string> wanted)
    {
        var found = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (!System.IO.Directory.Exists(indexPath))
        {
            return found;
        }

        try
        {
            using var directory = LuceneSettings.OpenForSearch(indexPath);
            if (!DirectoryReader.IndexExists(directory))
            {
                return found;
            }

            using var reader = DirectoryReader.Open(directory);
            IReadOnlyDictionary<string, string> commit = new Dictionary<string, string>(reader.IndexCommit.UserData);
            if (commit.GetValueOrDefault(LuceneSettings.CommitEmbeddingModel) != model.Id
                || commit.GetValueOrDefault(LuceneSettings.CommitEmbeddingDimensions) != model.Dimensions.ToString(CultureInfo.InvariantCulture))
            {
                return found;
            }

            var fields = new HashSet<string> { LuceneSettings.FieldNames.VectorsKey, LuceneSettings.FieldNames.Vectors };
            for (var doc = 0; doc < reader.MaxDoc; doc++)
            {
                var stored = reader.Document(doc, fields);
                if (stored.Get(LuceneSettings.FieldNames.VectorsKey) is { } key && wanted.Contains(key)
                    && stored.GetBinaryValue(LuceneSettings.FieldNames.Vectors) is { } bytes)
                {
                    found.TryAdd(key, bytes.Bytes.AsSpan(bytes.Offset, bytes.Length).ToArray());
                }
            }
        }
        catch (Exception e) when (e is IOException or FormatException or CorruptIndexException or IndexFormatTooOldException or IndexFormatTooNewException or UnauthorizedAccessException)
        {
            // An unreadable previous index only means nothing is reused.
            found.Clear();
        }

        return found;
    }

    [GeneratedRegex(@"(?<=[.!?])\s+(?=[\p{Lu}\d])")]
    private static partial Regex SentenceEnd();
}
