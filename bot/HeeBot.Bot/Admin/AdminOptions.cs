namespace HeeBot.Bot.Admin;

/// <summary>The editors' admin page, from the <c>Admin</c> configuration section. Off while no key is set.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>The key the page asks for (header <c>X-Admin-Key</c>, or <c>?key=</c>); set it from the environment.</summary>
    public string? Key { get; set; }
}
