using HeeBot.TeamsApp;

return Cli.Run(args, Console.Out, Console.Error);
