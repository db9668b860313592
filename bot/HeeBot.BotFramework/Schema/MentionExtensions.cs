using System.Text.RegularExpressions;

namespace HeeBot.BotFramework.Schema;

/// <summary>Teams @mentions in message text.</summary>
public static partial class MentionExtensions
{
    /// <summary>More distinct @mentions of the bot than a real message has; an activity with thousands costs no more.</summary>
    private const int MaxMentions = 10;

    /// <summary>
    /// The activity's text without the recipient's own @mention (removed by the mention entity's text, as the
    /// SDK's RemoveRecipientMention does) and without any other <c>&lt;at&gt;</c> tags, whose inner names are kept.
    /// </summary>
    public static string TextWithoutRecipientMention(this Activity activity)
    {
        var text = activity.Text ?? string.Empty;
        var recipientMentions = (activity.Entities ?? [])
            .Where(m => string.Equals(m.Type, "mention", StringComparison.OrdinalIgnoreCase) && m.Mentioned?.Id is not null && m.Mentioned.Id == activity.Recipient?.Id)
            .Select(m => m.Text ?? $"<at>{m.Mentioned!.Name}</at>")
            .Where(t => t.Length > 0)
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(MaxMentions);
        foreach (var mentionText in recipientMentions)
        {
            text = text.Replace(mentionText, " ", StringComparison.OrdinalIgnoreCase);
        }

        // Other mentions keep their names; Teams sometimes glues the next word to "</at>".
        text = AtTag().Replace(text, " ");
        return Spaces().Replace(text, " ").Trim();
    }

    [GeneratedRegex("</?at[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex AtTag();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
