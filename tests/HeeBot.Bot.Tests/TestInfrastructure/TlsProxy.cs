using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HeeBot.Bot.Tests.TestInfrastructure;

/// <summary>
/// Debian's nginx (tests/test.sh installs it) as the TLS-terminating proxy DEPLOY.md puts in front of the app: https on
/// a free port of 127.0.0.1 with a throwaway self-signed certificate, WebSockets upgraded, <c>X-Forwarded-Proto:
/// https</c> and <c>X-Forwarded-For</c> set, plain http to the app behind it. Everything lives in a temp folder.
/// </summary>
public sealed class TlsProxy : IAsyncDisposable
{
    private readonly Process process;
    private readonly string folder;

    private TlsProxy(Process process, string folder, int port)
    {
        this.process = process;
        this.folder = folder;
        BaseAddress = new Uri($"https://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    public static async Task<TlsProxy> StartAsync(Uri upstream)
    {
        var nginx = File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : throw new InvalidOperationException("nginx is not installed; run tests/test.sh, which installs Debian's nginx");
        var folder = Path.Combine(Path.GetTempPath(), $"heebot-nginx-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        WriteCertificate(folder);
        var port = ServerProcess.FreePort();
        var asRoot = Environment.UserName == "root";
        File.WriteAllText(Path.Combine(folder, "nginx.conf"), $$"""
            {{(asRoot ? "user root;" : string.Empty)}}
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 512; }
            http {
              access_log {{folder}}/access.log;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              map $http_upgrade $connection_upgrade { default upgrade; '' close; }
              server {
                listen 127.0.0.1:{{port}} ssl;
                ssl_certificate {{folder}}/cert.pem;
                ssl_certificate_key {{folder}}/key.pem;
                location / {
                  proxy_pass {{upstream.GetLeftPart(UriPartial.Authority)}};
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-Proto https;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_buffering off;
                  proxy_read_timeout 1h;
                }
              }
            }
            """);
        var start = new ProcessStartInfo(nginx, ["-p", folder, "-c", Path.Combine(folder, "nginx.conf"), "-e", Path.Combine(folder, "error.log")]);
        var proxy = new TlsProxy(ServerProcess.Start(start, "nginx"), folder, port);
        if (await ServerProcess.WaitUntilListeningAsync(proxy.process, port))
        {
            return proxy;
        }

        var log = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log")) : string.Empty;
        await proxy.DisposeAsync();
        throw new InvalidOperationException($"nginx is not accepting connections on port {port}: {log}");
    }

    public async ValueTask DisposeAsync()
    {
        await ServerProcess.StopAsync(process);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A self-signed certificate for 127.0.0.1 and localhost, valid for a day, as PEM files nginx reads.</summary>
    private static void WriteCertificate(string folder)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        File.WriteAllText(Path.Combine(folder, "cert.pem"), certificate.ExportCertificatePem());
        File.WriteAllText(Path.Combine(folder, "key.pem"), key.ExportPkcs8PrivateKeyPem());
    }
}
