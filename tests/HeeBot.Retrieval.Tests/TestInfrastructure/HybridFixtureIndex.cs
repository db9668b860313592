namespace HeeBot.Retrieval.Tests.TestInfrastructure;

/// <summary>The fixture article built once with passage vectors and opened with the embedding model, shared by a test class.</summary>
public sealed class HybridFixtureIndex() : FixtureIndex(TestModel.Encoder);
