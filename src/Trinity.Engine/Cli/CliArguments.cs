using System.Globalization;

namespace Trinity.Engine.Cli;

/// <summary>
/// <c>--name value</c> / <c>--flag</c> arguments after the command words. Every lookup validates and
/// throws <see cref="CliUsageException"/> with a one-line message; unknown options are reported too.
/// </summary>
internal sealed class CliArguments
{
    private readonly Dictionary<string, string?> _options = new(StringComparer.Ordinal);
    private readonly HashSet<string> _used = new(StringComparer.Ordinal);

    public CliArguments(IEnumerable<string> args)
    {
        string? pending = null;
        foreach (var arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal) && arg.Length > 2)
            {
                if (pending is not null)
                {
                    _options[pending] = null;
                }

                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                {
                    _options[arg[2..eq]] = arg[(eq + 1)..];
                    pending = null;
                }
                else
                {
                    pending = arg[2..];
                }
            }
            else if (pending is not null)
            {
                _options[pending] = arg;
                pending = null;
            }
            else
            {
                throw new CliUsageException($"unexpected argument '{arg}'");
            }
        }

        if (pending is not null)
        {
            _options[pending] = null;
        }
    }

    public bool Flag(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var value))
        {
            return false;
        }

        return value is null || value is "true" or "1" ? true
            : value is "false" or "0" ? false
            : throw new CliUsageException($"--{name} takes no value");
    }

    public string? String(string name)
    {
        _used.Add(name);
        if (!_options.TryGetValue(name, out var value))
        {
            return null;
        }

        return value ?? throw new CliUsageException($"--{name} needs a value");
    }

    public string RequiredString(string name) => String(name) ?? throw new CliUsageException($"--{name} is required");

    public int? Int(string name, int min = int.MinValue, int max = int.MaxValue)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw new CliUsageException($"--{name} must be an integer between {min} and {max}, got '{text}'");
        }

        return value;
    }

    public ulong? ULong(string name)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        return ulong.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CliUsageException($"--{name} must be a non-negative integer, got '{text}'");
    }

    public float? Float(string name, float min, float max)
    {
        var text = String(name);
        if (text is null)
        {
            return null;
        }

        if (!float.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !float.IsFinite(value) || value < min || value > max)
        {
            throw new CliUsageException($"--{name} must be a number between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, got '{text}'");
        }

        return value;
    }

    /// <summary>One of <paramref name="choices"/> (exact spelling), or null when the option is absent.</summary>
    public string? Choice(string name, params string[] choices)
    {
        var text = String(name);
        if (text is null || choices.Contains(text, StringComparer.Ordinal))
        {
            return text;
        }

        throw new CliUsageException($"--{name} must be one of {string.Join(", ", choices)}, got '{text}'");
    }

    /// <summary>Fails on options that no lookup asked for (typos such as <c>--max-token</c>).</summary>
    public void RejectUnknown()
    {
        var unknown = _options.Keys.FirstOrDefault(k => !_used.Contains(k));
        if (unknown is not null)
        {
            throw new CliUsageException($"unknown option --{unknown}");
        }
    }
}
