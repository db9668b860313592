using CsCheck;
using HeeBot.Retrieval.Embeddings;
using HeeBot.Retrieval.Indexing;
using HeeBot.Retrieval.Search;
using HeeBot.Retrieval.Tests.TestInfrastructure;
using HeeBot.Tests;
using Microsoft.Extensions.AI;

namespace HeeBot.Retrieval.Tests;

/// <summary>The lexical ranking fused with the embedding model, on the fixture article built with vectors.</summary>
public sealed class HybridSearchTests(HybridFixtureIndex index) : IClassFixture<HybridFixtureIndex>
{
    private PassageSearcher Searcher => index.Searcher;

    [Fact]
    public void AQuestionInOtherWords_IsAnsweredByMeaning_WhereLexicalDeclines()
    {
        const string question = "can I train as an ambulance worker";

        var hybrid = Searcher.Search(question);
        var lexical = Searcher.Search(question, new SearchOptions { Mode = RetrievalMode.Lexical });

        Assert.True(hybrid.Answered, $"confidence {hybrid.Results[0].Confidence}");
        Assert.Equal("riverside#programmes-2", hybrid.Results[0].Id);
        Assert.False(lexical.Answered);
        Assert.Equal(SearchPath.Lexical, lexical.Path);
    }

    [Fact]
    public void OffTopicQuestions_AreDeclined_WithTheClosestPassagesStillRanked()
    {
        var result = Searcher.Search("what is the capital of France");

        Assert.False(result.Answered);
        Assert.NotEmpty(result.Results);
        Assert.All(result.Results, r => Assert.True(r.Confidence < SearchOptions.DefaultThreshold));
    }

    [Fact]
    public void AQuestionForANumberThePassageDoesNotHold_IsDeclined_AndOneItHolds_IsAnswered()
    {
        Assert.False(Searcher.Search("how many students did the simulation centre train last year").Answered);

        var holds = Searcher.Search("how many governors sit on the board");
        Assert.True(holds.Answered);
        Assert.Equal("riverside#who-runs-the-trust", holds.Results[0].Id);
    }

    [Fact]
    public void AMisspeltWord_ReachesTheModelCorrected()
    {
        var result = Searcher.Search("where near the river can I train as a parmedic?");

        Assert.Equal("paramedic", result.Corrections["parmedic"]);
        Assert.Equal(SearchPath.EmbeddedQuestion, result.Path);
        Assert.True(TestModel.Encoder.TryGetCached("where near the river can i train as a paramedic?", out _));
        Assert.False(TestModel.Encoder.TryGetCached("where near the river can i train as a parmedic?", out _));
    }

    [Fact]
    public void AQuestionNamingSomethingNoPassageMentions_IsDeclined_AndOneNamingAKnownProgramme_IsAnswered()
    {
        Assert.True(Searcher.Search("tell me about the Midwifery Bridge course").Answered);

        var unknown = Searcher.Search("tell me about the Midwifery Society course");
        var unnamed = Searcher.Search("tell me about the midwifery society course");

        Assert.False(unknown.Answered, $"confidence {unknown.Results[0].Confidence}");
        Assert.True(unnamed.Answered, "in lower case it names nothing, and its words are the programme's");
        Assert.Equal(unnamed.Results[0].Confidence * FusionSettings.Default.UnknownNamePenalty, unknown.Results[0].Confidence, 0.001); // confidences are rounded to 3 places
    }

    [Fact]
    public void AQuestionForTheHolderOfAPost_IsDeclined_WhereNoPassageNamesOne()
    {
        Assert.Equal(AnswerKind.Fact.Person, AnswerKind.Of("who is the chair of the Trust"));
        Assert.False(Searcher.Search("who is the chair of the Trust").Answered);
        Assert.True(Searcher.Search("who runs the Trust").Answered);
    }

    [Fact]
    public void AChattyQuestion_IsReadClauseByClauseAsWell_AndAnswered_WhereTheWholeOfItIsNot()
    {
        const string question = "my little brother wants to work on ambulances but hates school, what can he do?";

        var clauses = Searcher.Search(question);
        var whole = Searcher.Search(question, new SearchOptions { Fusion = FusionSettings.Default with { ClauseWords = 0 } });

        Assert.True(clauses.Answered, $"confidence {clauses.Results[0].Confidence}");
        Assert.Equal("riverside#programmes-2", clauses.Results[0].Id);
        Assert.Equal(2, clauses.Clauses); // "my little brother wants to work on ambulances", "what can he do"; "hates school" is too short
        Assert.False(whole.Answered, $"confidence {whole.Results[0].Confidence}");
        Assert.Equal(0, whole.Clauses);
        Assert.True(clauses.Results[0].Confidence > whole.Results.Single(r => r.Id == "riverside#programmes-2").Confidence);
    }

    [Fact]
    public void AChattyQuestionTheArticleCannotAnswer_IsStillDeclined_ClauseByClause()
    {
        var result = Searcher.Search("I keep failing my driving test so I am stressed, can you tell me the capital of France?");

        Assert.True(result.Clauses > 0);
        Assert.False(result.Answered, $"confidence {result.Results[0].Confidence}");
    }

    [Fact]
    public void TheThreshold_DecidesForTheFusedConfidence()
    {
        const string question = "who makes the decisions at the trust";

        Assert.True(Searcher.Search(question, new SearchOptions(Threshold: 0.2)).Answered);
        Assert.False(Searcher.Search(question, new SearchOptions(Threshold: 0.999)).Answered);
    }

    [Fact]
    public void ACertainLexicalAnswer_SkipsTheModel_AndARepeatedQuestion_ComesFromTheCaches()
    {
        var certain = Searcher.Search("simulation centre mannequins emergencies");
        Assert.Equal(SearchPath.FastPath, certain.Path);
        Assert.Equal("riverside#simulation-centre", certain.Results[0].Id);

        var question = $"something about lessons with dummies {Guid.NewGuid():N}";
        var first = Searcher.Search(question);
        var again = Searcher.Search(question);
        var longer = Searcher.Search(question, new SearchOptions(Top: 5));

        Assert.Equal(SearchPath.EmbeddedQuestion, first.Path);
        Assert.Equal(SearchPath.CachedResult, again.Path); // the same question and options: the first result
        Assert.Equal(first.Results.Select(r => (r.Id, r.Confidence)), again.Results.Select(r => (r.Id, r.Confidence)));
        Assert.Equal(SearchPath.CachedQuestion, longer.Path); // other options: searched again, the question's vector cached
        Assert.Equal(first.Results.Select(r => (r.Id, r.Confidence)), longer.Results.Take(first.Results.Count).Select(r => (r.Id, r.Confidence)));
    }

    [Fact]
    public void AVeryLongQuestion_IsAnsweredEachTime_WithoutItsResultKept()
    {
        // A message may be up to 256 KB: ten thousand such results kept would be gigabytes.
        var question = $"simulation centre mannequins {Guid.NewGuid():N} " + string.Concat(Enumerable.Repeat("and so on ", 1_000));

        var first = Searcher.Search(question);
        var again = Searcher.Search(question);

        Assert.NotEqual(SearchPath.CachedResult, again.Path);
        Assert.Equal(first.Results.Select(r => (r.Id, r.Confidence)), again.Results.Select(r => (r.Id, r.Confidence)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("🙂🙂🙂")]
    [InlineData("\u0000\u0001\u001f\u200b\u202e")]
    [InlineData("¿Quién dirige el Trust?")]
    [InlineData("谁管理这个机构")]
    [InlineData("\ud800 board")]
    public void OddText_GetsAWellFormedAnswerOrDecline(string question)
    {
        var result = Searcher.Search(question);

        Assert.Equal(question, result.Query);
        Assert.All(result.Results, r => Assert.InRange(r.Confidence, 0, 1));
        Assert.True(!result.Answered || result.Results.Count > 0);
    }

    [Fact]
    public void AQuestionOfTenThousandCharacters_IsCutToTheModelsLimit_AndAnswered()
    {
        var question = "who runs the trust " + string.Concat(Enumerable.Repeat("and also the board of governors ", 320));
        Assert.True(question.Length > 10_000);

        var result = Searcher.Search(question);

        Assert.Equal("riverside#who-runs-the-trust", result.Results[0].Id);
    }

    [Fact]
    public void AnyText_ThroughTheFusedSearch_ReturnsAWellFormedResult()
    {
        Gen.OneOf(Gen.String, Gen.Char.Array[0, 300].Select(c => new string(c)), Gen.OneOfConst("board", "midwife", "🙂", "\u0000", "\ud800", "é", "OR", "(").Array[0, 20].Select(p => string.Join(' ', p)))
            .Sample(question =>
            {
                var result = Searcher.Search(question);
                Assert.True(result.Results.Zip(result.Results.Skip(1)).All(p => p.First.Confidence >= p.Second.Confidence));
                Assert.All(result.Results, r => Assert.InRange(r.Confidence, 0, 1));
            }, iter: 300, threads: 1);
    }

    [Fact]
    public void AnIndexBuiltLexicalOnly_OrWithAnotherModel_IsRefusedWithTheFix()
    {
        using var temp = new TempFolder();
        PassageIndexBuilder.Build(FixtureIndex.KnowledgePath, temp.Combine("lexical"));
        using (var other = new OtherModel())
        {
            PassageIndexBuilder.Build(FixtureIndex.KnowledgePath, temp.Combine("other"), embeddings: other);
        }

        var lexical = Assert.Throws<IndexUnavailableException>(() => PassageSearcher.Open(temp.Combine("lexical"), TestModel.Encoder));
        var other2 = Assert.Throws<IndexUnavailableException>(() => PassageSearcher.Open(temp.Combine("other"), TestModel.Encoder));

        Assert.Contains("has no passage vectors this searcher can use (built lexical only", lexical.Message, StringComparison.Ordinal);
        Assert.Contains("was built with the embedding model other-model (8 dimensions), this searcher uses all-MiniLM-L6-v2-int8 (384 dimensions); rebuild it", other2.Message, StringComparison.Ordinal);
        using var lexicalOnly = PassageSearcher.Open(temp.Combine("other"));
        Assert.False(lexicalOnly.Semantic);
        Assert.Equal(SearchPath.Lexical, lexicalOnly.Search("board").Path);
    }

    [Fact]
    public async Task Vectors_AreUnitLength_Deterministic_AndCloserForParaphrases()
    {
        var generator = TestModel.Encoder.Generator;
        var vectors = (await generator.GenerateAsync(["Who runs the Trust?", "Which people are in charge of the Trust?", "Mannequins in the simulation centre", "Who runs the Trust?"]))
            .Select(e => e.Vector.ToArray()).ToArray();

        Assert.All(vectors, v => Assert.Equal(MiniLmEmbeddingGenerator.Dimensions, v.Length));
        Assert.All(vectors, v => Assert.InRange(System.Numerics.Tensors.TensorPrimitives.Norm(v), 0.999f, 1.001f));
        Assert.Equal(vectors[0], vectors[3]);
        Assert.True(System.Numerics.Tensors.TensorPrimitives.Dot(vectors[0], vectors[1]) > System.Numerics.Tensors.TensorPrimitives.Dot(vectors[0], vectors[2]) + 0.2);
    }

    [Fact]
    public async Task QuestionsAskedAtOnce_ShareModelRuns_AndGetVectorsCloseToTheirOwn()
    {
        var cosines = await Int8WeightsTests.VectorsAloneAndTogether(TestModel.Encoder.Generator, BatchQuestions);

        // The int8 model quantizes a run's activations with one range for the whole run, so a question's vector moves a
        // little with the questions it shares the run with (the float model's does not: Int8WeightsTests).
        Assert.All(cosines, cosine => Assert.InRange(cosine, 0.98f, 1.0001f));
    }

    [Fact]
    public async Task TextsGivenInOneCall_GetTheSameVectorsWhateverTheyAreGivenWith_SoEveryBuildIsTheSame()
    {
        var generator = TestModel.Encoder.Generator;
        var once = await generator.GenerateAsync(BatchQuestions);
        var again = await generator.GenerateAsync([.. BatchQuestions.Reverse(), "a much longer text about the board, its governors, their meetings and the minutes they publish"]);

        for (var i = 0; i < BatchQuestions.Length; i++)
        {
            Assert.Equal(once[i].Vector.ToArray(), again[BatchQuestions.Length - 1 - i].Vector.ToArray());
        }
    }

    internal static string[] BatchQuestions { get; } = [.. Enumerable.Range(0, 24).Select(i => $"question {i} about the board and its {i % 5} governors")];

    [Fact]
    public async Task ADisposedModel_RefusesWork()
    {
        var model = new MiniLmEmbeddingGenerator();
        Assert.Single(await model.GenerateAsync(["hello"]));
        model.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => model.GenerateAsync(["hello"]));
    }

    /// <summary>A stand-in model of another name and size: what an index built elsewhere with another model looks like.</summary>
    private sealed class OtherModel : IEmbeddingGenerator<string, Embedding<float>>
    {
        public Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default) =>
            Task.FromResult(new GeneratedEmbeddings<Embedding<float>>(values.Select(_ => new Embedding<float>(new float[] { 1, 0, 0, 0, 0, 0, 0, 0 }))));

        public object? GetService(Type serviceType, object? serviceKey = null) =>
            serviceType == typeof(EmbeddingGeneratorMetadata) ? new EmbeddingGeneratorMetadata("test", null, "other-model", 8) : null;

        public void Dispose()
        {
        }
    }
}
