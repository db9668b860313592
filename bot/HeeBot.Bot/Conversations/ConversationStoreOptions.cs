using System.ComponentModel.DataAnnotations;

namespace HeeBot.Bot.Conversations;

/// <summary>Where one instance keeps the built-in Direct Line's conversations, from the <c>Conversations</c> section.</summary>
public sealed class ConversationStoreOptions
{
    public const string SectionName = "Conversations";

    /// <summary>
    /// The SQLite file of conversations and transcripts (relative paths from the content root); beside it
    /// <c>directline.key</c>, the token signing key when none is configured. Ignored with Redis.
    /// </summary>
    [Required]
    public string DatabasePath { get; set; } = "data/directline.db";

    /// <summary>False: conversations in memory only, forgotten on restart (tests, throwaway runs).</summary>
    public bool Persist { get; set; } = true;
}
