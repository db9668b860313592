using HeeBot.Retrieval.Embeddings;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>The in-process embedding model, loaded once per test process (a load takes about half a second).</summary>
internal static class TestModel
{
    private static readonly Lazy<QuestionEncoder> Loaded = new(() => new QuestionEncoder(new MiniLmEmbeddingGenerator(), ownsGenerator: true));

    public static QuestionEncoder Encoder => Loaded.Value;
}
