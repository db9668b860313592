using System.Text.Json;
using HeeBot.BotFramework.Schema;
using Microsoft.AspNetCore.Http;

namespace HeeBot.BotFramework.Hosting;

/// <summary>
/// A JSON response body as the Bot Framework writes it (<see cref="BotJson.Options"/>), serialised whole before it is
/// sent, so it goes out with its Content-Length in one write, where <c>Results.Json</c> streams it through the
/// serialiser's resumable path and sends it chunked (under load, p99 9.4-10.5 ms against 11.0-16.8: tests/load/README.md).
/// </summary>
public sealed class BotJsonResult<T>(T value, int statusCode = StatusCodes.Status200OK) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult
{
    public const string JsonContentType = "application/json; charset=utf-8";

    public int? StatusCode => statusCode;

    public T? Value => value;

    object? IValueHttpResult.Value => value;

    public string ContentType => JsonContentType;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var body = JsonSerializer.SerializeToUtf8Bytes(value, BotJson.Options);
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        response.ContentType = JsonContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, httpContext.RequestAborted).AsTask();
    }
}

/// <summary>Shorthands for <see cref="BotJsonResult{T}"/>.</summary>
public static class BotResults
{
    public static BotJsonResult<T> Json<T>(T value, int statusCode = StatusCodes.Status200OK) => new(value, statusCode);
}
