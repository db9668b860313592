using HeeBot.Retrieval.Evaluation;
using HeeBot.Retrieval.Search;

namespace HeeBot.IndexBuilder;

/// <summary>
/// <c>eval --sweep</c>: the figures over a grid of operating points, to choose them on the dev split. Lexical: each
/// threshold. Hybrid: each cosine shift (the sigmoid's calibration) with each lexical weight and each threshold; the
/// question vectors are computed once and cached.
/// </summary>
internal static class EvalSweep
{
    public static async Task WriteAsync(
        TextWriter output, PassageSearcher searcher, IReadOnlyList<GoldQuestion> questions, SearchOptions lexical, SearchOptions? hybrid, CancellationToken cancellationToken)
    {
        output.WriteLine("lexical sweep");
        output.WriteLine("threshold  recall@1  answered-correctly  unanswerable-declined  answerable-declined");
        for (var step = 1; step <= 19; step++)
        {
            var r = await Evaluator.RunAsync(searcher, questions, lexical with { Threshold = step * 0.05 }, cancellationToken);
            output.WriteLine(EvalReportWriter.F($"{step * 0.05,9:0.00}  {r.RecallAt1,8:0.000}  {r.AnsweredCorrectly,18:0.000}  {r.UnanswerableDeclined,21:0.000}  {r.AnswerableDeclined,19:0.000}"));
        }

        if (hybrid is null)
        {
            return;
        }

        output.WriteLine("hybrid sweep");
        output.WriteLine("cosine-shift  lexical-weight  threshold  recall@1  answered-correctly  unanswerable-declined  answerable-declined");
        for (var shiftStep = -2; shiftStep <= 2; shiftStep++)
        {
            for (var weightStep = 2; weightStep <= 16; weightStep++)
            {
                var fusion = hybrid.Fusion with { CosineShift = hybrid.Fusion.CosineShift + (shiftStep * 0.2), LexicalWeight = weightStep * 0.05 };
                for (var step = 10; step <= 28; step++)
                {
                    var r = await Evaluator.RunAsync(searcher, questions, hybrid with { Fusion = fusion, Threshold = step * 0.025 }, cancellationToken);
                    output.WriteLine(EvalReportWriter.F($"{fusion.CosineShift,12:0.00}  {fusion.LexicalWeight,14:0.00}  {step * 0.025,9:0.000}  {r.RecallAt1,8:0.000}  {r.AnsweredCorrectly,18:0.000}  {r.UnanswerableDeclined,21:0.000}  {r.AnswerableDeclined,19:0.000}"));
                }
            }
        }
    }
}
