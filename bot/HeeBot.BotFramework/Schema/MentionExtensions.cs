using System.Text.RegularExpressions;

namespace HeeBot.BotFramework.Schema;

/// <summary>Teams @mentions in message text.</summary>
public static partial class MentionExtensions
{
    /// <summary>
    /// The activity's text without the recipient's own @mention (removed by the mention entity's text, as the
    /// SDK's RemoveRecipientMention does) and without any other <c>&lt;at&gt;</c> tags, whose inner names are kept.
    /// </summary>
    public static string TextWithoutRecipientMention(this Activity activity)
    {
        var text = activity.Text ?? string.Empty;
        foreach (var mention in activity.Entities ?? [])
        {
            if (!string.Equals(mention.Type, "mention", StringComparison.OrdinalIgnoreCase) || mention.Mentioned?.Id is null
                || mention.Mentioned.Id != activity.Recipient?.Id)
            {
                continue;
            }

            var mentionText = mention.Text ?? $"<at>{mention.Mentioned.Name}</at>";
            text = Regex.Replace(text, Regex.Escape(mentionText), " ", RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
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
