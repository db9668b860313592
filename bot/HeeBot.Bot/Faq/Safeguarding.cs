using System.Text.RegularExpressions;

namespace HeeBot.Bot.Faq;

/// <summary>
/// Messages from someone who may be in danger: thoughts of suicide or self-harm, abuse, a medical emergency. They get
/// a fixed signpost to people who can help before anything else, never a passage, and are logged without their text.
/// Every pattern lives here; SafeguardingTests holds the true and the false positives ("a killer app", "this review is
/// killing me").
/// </summary>
internal static partial class Safeguarding
{
    public const string Signpost =
        "If you or someone else is in immediate danger, call 999 now. For urgent medical help, call NHS 111 or go to nhs.uk/111. " +
        "If you are struggling or thinking about suicide, you can talk to Samaritans any time on 116 123 (free), or text SHOUT to 85258. " +
        "I'm an automated assistant that answers questions about Health Education England, and I can't help with this myself.";

    public static bool NeedsSignpost(string text) => Distress().IsMatch(text);

    // First person or someone named, and a word of danger: kept narrow on purpose, so figures of speech pass.
    [GeneratedRegex(
        @"\b(kill(ing)?\s+(myself|me\s+now|himself|herself|themselves)|suicid(e|al)|end\s+(it\s+all|my\s+life)|take\s+my\s+(own\s+)?life|" +
        @"(hurt|harm)(ing)?\s+(myself|me)\b|cut(ting)?\s+myself|self[\s-]?harm(ing)?|don'?t\s+want\s+to\s+(live|be\s+alive)|" +
        @"(being|been|am|is)\s+(abused|assaulted|raped)|(he|she|they|someone|my\s+\w+)\s+(hits|beats|abuses|rapes)\s+me|" +
        @"overdos(e|ed|ing)|can'?t\s+breathe|chest\s+pain|heart\s+attack|having\s+a\s+stroke|unconscious|not\s+breathing|bleeding\s+(heavily|badly))\b",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Distress();
}
