using HeeBot.Retrieval.Embeddings;

namespace HeeBot.Retrieval.Tests;

/// <summary>How texts waiting together are split into model runs: the least fixed cost plus padded word pieces.</summary>
public sealed class RunPlanTests
{
    [Fact]
    public void TextsOfOneLength_ShareOneRun()
    {
        Assert.Equal([5], RunPlan.Split([9, 9, 9, 9, 9], runCost: 16));
    }

    [Fact]
    public void ShortTexts_DoNotPayForALongOne_WhenAnotherRunCostsLess()
    {
        // One run: 16 + 5 x 60 = 316. Four short and one long: 16 + 4 x 8 + 16 + 60 = 124.
        Assert.Equal([4, 1], RunPlan.Split([8, 8, 8, 8, 60], runCost: 16));
    }

    [Fact]
    public void AnotherRun_IsNotWorthItsFixedCost_ForALittlePadding()
    {
        // One run: 16 + 4 x 12 = 64. Split 3 + 1: 16 + 3 x 10 + 16 + 12 = 74.
        Assert.Equal([4], RunPlan.Split([10, 10, 10, 12], runCost: 16));
    }

    [Fact]
    public void TheSplit_CoversEveryText_AndCostsNoMoreThanOneRunOrOneRunEach()
    {
        var random = new Random(13);
        for (var trial = 0; trial < 200; trial++)
        {
            int[] lengths = [.. Enumerable.Range(0, random.Next(1, 33)).Select(_ => random.Next(3, 80)).Order()];

            var sizes = RunPlan.Split(lengths, runCost: 16);

            Assert.Equal(lengths.Length, sizes.Sum());
            Assert.All(sizes, s => Assert.True(s > 0));
            var cost = Cost(lengths, sizes);
            Assert.True(cost <= 16 + (lengths.Length * lengths[^1]), $"{cost} is more than one run");
            Assert.True(cost <= lengths.Sum(l => 16 + l), $"{cost} is more than one run each");
        }
    }

    [Fact]
    public void NoTexts_NoRuns()
    {
        Assert.Empty(RunPlan.Split([], runCost: 16));
    }

    private static long Cost(int[] lengths, List<int> sizes)
    {
        long cost = 0;
        var start = 0;
        foreach (var size in sizes)
        {
            cost += 16 + ((long)size * lengths[start + size - 1]);
            start += size;
        }

        return cost;
    }
}
