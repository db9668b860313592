namespace HeeBot.BotFramework.DirectLine;

/// <summary>
/// Where the built-in Direct Line keeps its conversations: in this process (<see cref="InMemoryDirectLineStore"/>), or in
/// a shared store the app provides (HeeBot keeps them in Redis) so that any of several instances can serve any request.
/// </summary>
public interface IDirectLineStore
{
    /// <summary>The conversation, unless it does not exist or has been idle too long; using it keeps it alive.</summary>
    Task<IDirectLineConversation?> FindAsync(string id, CancellationToken cancellationToken);

    /// <summary>Creates the conversation (or returns it if it exists); null when no more can be held.</summary>
    Task<IDirectLineConversation?> CreateAsync(string id, string? userId, CancellationToken cancellationToken);
}
