namespace HeeBot.IndexBuilder.Tests.TestInfrastructure;

/// <summary>What one heebot-index invocation printed and returned.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    /// <summary>Runs the command line through its real parser with captured standard input, output and error.</summary>
    public static async Task<CliRun> InvokeWithInputAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await Cli.RunAsync(args, new StringReader(stdin), output, error);
        return new CliRun(code, output.ToString(), error.ToString());
    }

    public static Task<CliRun> InvokeAsync(params string[] args) => InvokeWithInputAsync(string.Empty, args);
}
