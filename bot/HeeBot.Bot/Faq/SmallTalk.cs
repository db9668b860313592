using System.Text.RegularExpressions;

namespace HeeBot.Bot.Faq;

/// <summary>Messages that are not questions: greetings, thanks, requests for help.</summary>
internal static partial class SmallTalk
{
    public enum Kind
    {
        None,
        Greeting,
        Thanks,
        Help,

        /// <summary>The next ranked passages for the last question.</summary>
        More,

        /// <summary>The rest of the section the last answer came from.</summary>
        TellMeMore,

        /// <summary>Someone wants a person rather than the bot.</summary>
        Person,
    }

    public static Kind Classify(string text)
    {
        var t = text.Trim().TrimEnd('!', '.', '?', ' ').ToLowerInvariant();
        if (Person().IsMatch(t))
        {
            return Kind.Person;
        }

        if (Help().IsMatch(t))
        {
            return Kind.Help;
        }

        if (TellMeMore().IsMatch(t))
        {
            return Kind.TellMeMore;
        }

        if (More().IsMatch(t))
        {
            return Kind.More;
        }

        if (Greeting().IsMatch(t))
        {
            return Kind.Greeting;
        }

        return Thanks().IsMatch(t) ? Kind.Thanks : Kind.None;
    }

    [GeneratedRegex(@"^(tell me more|tell me more about (that|this|it)|more about (that|this|it)|go on|expand( on that| on this)?|more detail(s)?|can you (expand|elaborate)( on that)?|elaborate)$")]
    private static partial Regex TellMeMore();

    [GeneratedRegex(@"^(more|more results|more answers|show more|show me more|next|next results|any more|anything else|other (answers|results)|what else)$")]
    private static partial Regex More();

    [GeneratedRegex(@"^(hi|hello|hey|hiya|good (morning|afternoon|evening)|greetings|howdy|yo)( there)?( heebot| bot)?$")]
    private static partial Regex Greeting();

    [GeneratedRegex(@"^(thanks|thank you|thank you very much|thanks a lot|many thanks|cheers|ta|thx|great,? thanks|brilliant|perfect)( heebot| bot)?$")]
    private static partial Regex Thanks();

    [GeneratedRegex(@"^((can|could|may) i )?(talk|speak|chat) (to|with) (a |an |some )?(one|someone|somebody|person|human|real person|member of staff|advisor|adviser)( please)?$|^(human|real person|a person|agent|operator|contact (someone|a person|the team|you))( please)?$")]
    private static partial Regex Person();

    [GeneratedRegex(@"^(help|\?|menu|what can you do|what do you know( about)?|what can i ask( you)?|how does this work|start|/help|/start)$")]
    private static partial Regex Help();
}
