namespace HeeBot.Bot.Admin;

/// <summary>The editors' admin page, from the <c>Admin</c> configuration section. Off while no key is set.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>
    /// The key the page asks for (header <c>X-Admin-Key</c>, or the password the browser asks for); set it from the
    /// environment. At least <see cref="MinKeyLength"/> characters.
    /// </summary>
    public string? Key { get; set; }

    public const int MinKeyLength = 16;
}
