using System.Net;

namespace Trinity.Engine.Cli;

/// <summary>An <c>http://host:port</c> address to listen on (only plain HTTP: TLS terminates in front of Trinity).</summary>
internal readonly record struct ListenAddress(IPAddress Address, int Port)
{
    public static ListenAddress Parse(string url, string option)
    {
        if (!Uri.TryCreate(url.Replace("://*", "://0.0.0.0", StringComparison.Ordinal).Replace("://+", "://0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            || uri.Scheme != Uri.UriSchemeHttp)
        {
            throw new CliUsageException($"{option} must look like http://HOST:PORT, got '{url}'");
        }

        var address = uri.Host is "localhost" ? IPAddress.Loopback
            : IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) ? ip
            : throw new CliUsageException($"{option}: host '{uri.Host}' must be an IP address, localhost or *");
        return new ListenAddress(address, uri.IsDefaultPort && !url.Contains(":80", StringComparison.Ordinal) ? 80 : uri.Port);
    }

    /// <summary>The internal (HTTP/2) address when none is given: the same host, the next port (dynamic stays dynamic).</summary>
    public ListenAddress NextPort() => this with { Port = Port == 0 ? 0 : Port + 1 };

    public string Url(int actualPort) => $"http://{(Address.Equals(IPAddress.Any) ? "127.0.0.1" : Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{Address}]" : Address.ToString())}:{actualPort}";
}
