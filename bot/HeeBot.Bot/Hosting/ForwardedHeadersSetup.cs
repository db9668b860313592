using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace HeeBot.Bot.Hosting;

/// <summary>
/// Behind a TLS-terminating proxy: the client's scheme, host and address from <c>X-Forwarded-Proto</c>,
/// <c>X-Forwarded-Host</c> and <c>X-Forwarded-For</c>, believed only from the proxies the <c>ForwardedHeaders</c>
/// section names (<c>KnownProxies</c>: addresses; <c>KnownNetworks</c>: CIDR ranges; loopback always), so every URL
/// the app hands out is the public https/wss one. <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED=true</c> (which trusts any
/// proxy) is honoured by ASP.NET Core itself.
/// </summary>
internal static class ForwardedHeadersSetup
{
    public const string SectionName = "ForwardedHeaders";

    public static IHostApplicationBuilder AddForwardedHeaders(this IHostApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(SectionName);
        var proxies = section.GetSection("KnownProxies").Get<string[]>() ?? [];
        var networks = section.GetSection("KnownNetworks").Get<string[]>() ?? [];
        var hosts = section.GetSection("AllowedHosts").Get<string[]>() ?? [];
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"{SectionName}:KnownProxies: '{proxy}' is not an IP address"));
            }

            foreach (var network in networks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var range)
                    ? range
                    : throw new InvalidOperationException($"{SectionName}:KnownNetworks: '{network}' is not a CIDR range such as 10.0.0.0/8"));
            }

            // X-Forwarded-Host is believed only for these hosts, when given; any host from a known proxy otherwise.
            foreach (var host in hosts)
            {
                options.AllowedHosts.Add(host);
            }
        });
        return builder;
    }
}
