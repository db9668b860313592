using System.Net;

namespace HeeBot.BotFramework.Connector;

/// <summary>The channel refused an activity, or the bot refused to send it; the message says which and why.</summary>
public sealed class ConnectorException : Exception
{
    public ConnectorException()
    {
    }

    public ConnectorException(string message)
        : base(message)
    {
    }

    public ConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ConnectorException(string message, HttpStatusCode? status)
        : base(message)
    {
        Status = status;
    }

    /// <summary>The channel's status, when it answered.</summary>
    public HttpStatusCode? Status { get; }
}
