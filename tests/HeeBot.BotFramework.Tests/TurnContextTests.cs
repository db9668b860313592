using HeeBot.BotFramework.Schema;
using HeeBot.BotFramework.Turns;

namespace HeeBot.BotFramework.Tests;

public sealed class TurnContextTests
{
    [Fact]
    public async Task SendActivity_WithExpectReplies_BuffersAndSendsNothing()
    {
        var sender = new CountingSender();
        var turn = new TurnContext(new Activity { Type = "message", DeliveryMode = DeliveryModes.ExpectReplies }, sender);

        await turn.SendActivityAsync(new Activity { Type = "message", Id = "bot-set-id", Text = "a" }, CancellationToken.None);

        Assert.Equal(0, sender.Sent);
        var buffered = Assert.Single(turn.BufferedReplies);
        Assert.Null(buffered.Id);
    }

    [Fact]
    public async Task ConversationUpdate_WhenOnlyTheBotJoins_DoesNotWelcome()
    {
        var bot = new WelcomeBot();
        var turn = new TurnContext(
            new Activity { Type = "conversationUpdate", Recipient = new ChannelAccount { Id = "bot" }, MembersAdded = [new ChannelAccount { Id = "bot" }] },
            new CountingSender());

        await bot.OnTurnAsync(turn, CancellationToken.None);

        Assert.Empty(bot.Welcomed);
    }

    [Fact]
    public async Task ConversationUpdate_WelcomesEveryoneButTheBot()
    {
        var bot = new WelcomeBot();
        var turn = new TurnContext(
            new Activity { Type = "conversationUpdate", Recipient = new ChannelAccount { Id = "bot" }, MembersAdded = [new ChannelAccount { Id = "bot" }, new ChannelAccount { Id = "ada" }] },
            new CountingSender());

        await bot.OnTurnAsync(turn, CancellationToken.None);

        Assert.Equal(["ada"], bot.Welcomed);
    }

    private sealed class WelcomeBot : ActivityHandler
    {
        public List<string?> Welcomed { get; } = [];

        protected override Task OnMembersAddedAsync(IReadOnlyList<ChannelAccount> membersAdded, TurnContext turn, CancellationToken cancellationToken)
        {
            Welcomed.AddRange(membersAdded.Select(m => m.Id));
            return Task.CompletedTask;
        }
    }

    private sealed class CountingSender : IActivitySender
    {
        public int Sent { get; private set; }

        public Task<ResourceResponse> SendAsync(Activity activity, CancellationToken cancellationToken)
        {
            Sent++;
            return Task.FromResult(new ResourceResponse("x"));
        }
    }
}
