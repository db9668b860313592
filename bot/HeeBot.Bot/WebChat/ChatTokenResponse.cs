namespace HeeBot.Bot.WebChat;

/// <summary>What the page needs to open a conversation: a conversation token, where Direct Line is, and the user id the token speaks for.</summary>
public sealed record ChatTokenResponse(string Token, string ConversationId, string Domain, string UserId);
