using System.Globalization;

namespace Trinity.Gateway.Tenancy;

/// <summary>Durations as OpenAI writes them in <c>x-ratelimit-reset-*</c> headers: <c>20ms</c>, <c>1s</c>, <c>6m0s</c>.</summary>
internal static class RateLimitFormat
{
    public static string Duration(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            return "0s";
        }

        if (value < TimeSpan.FromSeconds(1))
        {
            return ((int)Math.Ceiling(value.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture) + "ms";
        }

        var seconds = (int)Math.Ceiling(value.TotalSeconds);
        return seconds < 60
            ? seconds.ToString(CultureInfo.InvariantCulture) + "s"
            : string.Create(CultureInfo.InvariantCulture, $"{seconds / 60}m{seconds % 60}s");
    }
}
