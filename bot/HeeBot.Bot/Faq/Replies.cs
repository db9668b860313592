namespace HeeBot.Bot.Faq;

/// <summary>
/// Every sentence the FAQ conversation says, in one place: the bot builds its replies from these and the tests
/// assert on the same members, so rewording a reply is one edit. Replies that end with a colon are followed by
/// example questions or topics as buttons.
/// </summary>
internal static class Replies
{
    public const string AskAQuestion = "Ask me a question, for example:";
    public const string Thanks = "You're welcome! Ask me anything else whenever you like.";
    public const string GladItHelped = "Thanks, glad it helped.";
    public const string NotHelpful = "Thanks for telling me. I'll pass that on to the people who keep my content up to date.";
    public const string UnknownButton = "I didn't understand that button. Ask me a question, for example:";
    public const string MoreWithoutQuestion = "Ask me a question first, then say \"more\" for other passages. For example:";
    public const string TellMeMoreWithoutQuestion = "Ask me a question first, then say \"tell me more\" for the rest of that section. For example:";
    public const string YouCouldAskAbout = " You could ask about:";
    public const string NoPersonHere = "I'm an automated assistant and can't pass you to a person, but I can answer questions about what I know. For example:";

    public static string AskAPerson(string label) => $"I'm an automated assistant. To reach a person: {label}.";

    public static string OrAskAPerson(string label) => $" Or ask a person: {label}.";

    public static string Welcome(string botName, string subject) =>
        $"Hello! I'm {botName}. I answer questions about {subject}. Ask me anything about it, or try one of these:";

    public static string Greeting(string subject) => $"Hello! Ask me about {subject}, for example:";

    public static string Help(string subject, IEnumerable<string> sections) =>
        $"I answer questions about {subject}, quoting the passages that answer them. After an answer, say \"more\" for other passages or \"tell me more\" for the rest of that section. {Topics(sections)} Try:";

    public static string Declined(IEnumerable<string> sections) =>
        $"I don't know that one: nothing I know about answers it well enough. {Topics(sections)} For example:";

    public static string NoneOfThese(IEnumerable<string> sections) => $"Sorry I couldn't find it. Try asking another way, or pick a topic. {Topics(sections)}";

    public static string NoMore(string question) => $"That's all I have on \"{question}\". Ask me something else?";

    public static string MoreOn(string question) => $"More on \"{question}\":";

    public static string MoreFrom(string section) => $"More from \"{section}\":";

    public static string AllOfSection(string section) => $"That's all \"{section}\" says.";

    public static string DidYouMean(IEnumerable<string> sections) => "Did you mean: " + string.Join("; ", sections) + "?";

    public static string Topics(IEnumerable<string> sections) => $"I can tell you about: {string.Join("; ", sections)}.";
}
