using System.Globalization;
using System.Net;
using System.Text;

namespace HeeBot.Bot.Admin;

/// <summary>
/// Small bar charts drawn on the server as SVG: no script, and only presentation attributes (a strict CSP
/// forbids style attributes). Each has a title and a description for screen readers; the page also gives
/// the numbers in a table.
/// </summary>
internal static class SvgChart
{
    private const int Width = 640;
    private const int Height = 220;
    private const int Left = 44;
    private const int Bottom = 36;
    private const int Top = 12;

    /// <param name="series">One or two series drawn as stacked bars, with their names and colours.</param>
    public static string Bars(string title, IReadOnlyList<string> labels, IReadOnlyList<(string Name, string Colour, IReadOnlyList<double> Values)> series, string unit = "", double? max = null)
    {
        string N(double v) => v.ToString("0.#", CultureInfo.InvariantCulture);
        var totals = labels.Select((_, i) => series.Sum(s => s.Values[i])).ToList();
        var top = max ?? Math.Max(1, totals.DefaultIfEmpty(0).Max());
        var plotWidth = Width - Left - 8;
        var plotHeight = Height - Top - Bottom;
        var slot = labels.Count == 0 ? plotWidth : plotWidth / (double)labels.Count;
        var bar = Math.Max(2, slot * 0.6);
        var svg = new StringBuilder();
        var id = "chart-" + string.Concat(title.Where(char.IsLetterOrDigit)).ToLowerInvariant();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {Width} {Height}\" width=\"{Width}\" height=\"{Height}\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"{id}-t\">{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<desc id=\"{id}-d\">{Encode(string.Join("; ", labels.Select((l, i) => $"{l}: {string.Join(", ", series.Select(s => $"{s.Name} {N(s.Values[i])}{unit}"))}")))}</desc>");
        foreach (var fraction in new[] { 0.0, 0.5, 1.0 })
        {
            var y = Top + plotHeight * (1 - fraction);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - 8}\" y1=\"{y:0.#}\" y2=\"{y:0.#}\" stroke=\"#d8dde0\" stroke-width=\"1\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{y + 4:0.#}\" text-anchor=\"end\" font-size=\"11\" fill=\"#4c6272\">{N(top * fraction)}{Encode(unit)}</text>");
        }

        for (var i = 0; i < labels.Count; i++)
        {
            var x = Left + (slot * i) + ((slot - bar) / 2);
            var stacked = 0.0;
            foreach (var (name, colour, values) in series)
            {
                var h = plotHeight * Math.Min(values[i], top) / top;
                var y = Top + plotHeight - (plotHeight * stacked / top) - h;
                svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x:0.#}\" y=\"{y:0.#}\" width=\"{bar:0.#}\" height=\"{h:0.#}\" fill=\"{colour}\"><title>{Encode($"{labels[i]} {name}: {N(values[i])}{unit}")}</title></rect>");
                stacked += values[i];
            }

            if (labels.Count <= 16 || i % (labels.Count / 8 + 1) == 0)
            {
                svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + (bar / 2):0.#}\" y=\"{Height - Bottom + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#4c6272\">{Encode(labels[i])}</text>");
            }
        }

        var legendX = Left;
        foreach (var (name, colour, _) in series)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"{Height - 12}\" width=\"10\" height=\"10\" fill=\"{colour}\"/><text x=\"{legendX + 14}\" y=\"{Height - 3}\" font-size=\"11\" fill=\"#212b32\">{Encode(name)}</text>");
            legendX += 24 + (name.Length * 7);
        }

        return svg.Append("</svg>").ToString();
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
