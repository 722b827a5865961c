using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using ComposeGen.Diagnostics;
using ComposeGen.Model;
using ComposeGen.Parsing;

namespace ComposeGen.Analysis.Practices;

/// <summary>
/// CG4005: a secret written in plain text in <c>environment</c>, where it ends up in source control and in
/// <c>docker inspect</c>. Two shapes:
/// <list type="bullet">
/// <item>a variable whose name says secret (PASSWORD, PASSWD, PASS, PWD, SECRET, TOKEN, CREDENTIALS, API_KEY,
/// PRIVATE_KEY, ACCESS_KEY, ...) but not a setting about one (<c>*_FILE</c>, <c>*_PATH</c>, <c>*_USER</c>,
/// <c>*_NAME</c>, <c>*_HOST</c>, <c>*_PORT</c>, <c>*_URL</c>, <c>*_ID</c>, <c>*_TTL</c>, ... and
/// MYSQL_ALLOW_EMPTY_PASSWORD, MYSQL_RANDOM_ROOT_PASSWORD, PASSWORD_MIN_LENGTH), set to a non-empty
/// literal. A value with a <c>${VAR}</c> in it, a path (<c>/run/secrets/x</c>), a container-side
/// <c>$VAR</c> (<c>$$VAR</c> in compose), or a yes/no/true/false switch is not a secret;</item>
/// <item>any variable whose literal value is a connection string or URL with a password in it
/// (<c>Password=xyz</c>, <c>Pwd=xyz</c>, <c>scheme://user:xyz@host</c>).</item>
/// </list>
/// Located on the value.
/// </summary>
public sealed class PlaintextSecretRule : IComposeRule
{
    /// <summary>A word of the name that ends with one of these (PGPASSWORD, CLIENTSECRET) or is its plural (SECRETS, CREDENTIALS) says secret.</summary>
    private static readonly string[] SecretWords = { "PASSWORD", "PASSWD", "SECRET", "TOKEN", "CREDENTIAL", "APIKEY", "PRIVATEKEY", "ACCESSKEY", "SECRETKEY" };

    private static readonly string[] SecretTokens = { "PASS", "PWD" };

    private static readonly string[] KeyQualifiers = { "API", "PRIVATE", "ACCESS", "SECRET", "ENCRYPTION", "SIGNING", "MASTER", "AUTH", "LICENSE" };

    /// <summary>Last words that make the variable about a secret rather than the secret itself.</summary>
    private static readonly HashSet<string> NotSecretSuffixes = new(StringComparer.Ordinal)
    {
        "FILE", "PATH", "USER", "USERNAME", "NAME", "HOST", "HOSTNAME", "PORT", "URL", "URI", "DIR", "DIRECTORY", "ID", "LENGTH", "LEN",
        "SIZE", "EXPIRY", "EXPIRES", "EXPIRATION", "TTL", "LIFETIME", "TIMEOUT", "TYPE", "ENABLED", "ENABLE", "DISABLED", "DISABLE",
        "REQUIRED", "ALGORITHM", "ALG", "HEADER", "ISSUER", "AUDIENCE", "ENDPOINT", "PROVIDER", "MODE", "FORMAT", "POLICY", "HASH",
        "METHOD", "COMMAND", "CMD", "SCRIPT", "LOCATION", "PREFIX", "FIELD", "PARAM", "KEYRING", "REF", "VERSION",
    };

    /// <summary>Words anywhere in the name that make it a switch or a rule about secrets.</summary>
    private static readonly HashSet<string> NotSecretWords = new(StringComparer.Ordinal)
    {
        "ALLOW", "RANDOM", "GENERATE", "ONETIME", "EMPTY", "MIN", "MAX", "COMPLEXITY", "RESET", "FORGOT", "CHANGE", "ROTATION",
    };

    private static readonly HashSet<string> Switches = new(StringComparer.OrdinalIgnoreCase) { "yes", "no", "true", "false", "on", "off", "y", "n" };

    /// <summary>Connection strings are short; longer values are not searched (bounded work on hostile input, SPEC §8).</summary>
    private const int MaxConnectionStringLength = 8 * 1024;

    private static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    private static readonly Regex UriPassword = new(@"[a-zA-Z][a-zA-Z0-9+.\-]*://[^/@:\s]*:([^/@\s]+)@", RegexOptions.CultureInvariant, MatchTimeout);

    private static readonly Regex KeyValuePassword = new(@"(?:^|[;,])\s*(?:password|pwd)\s*=\s*([^;,]*)", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, MatchTimeout);

    public IReadOnlyList<string> Ids { get; } = new[] { DiagnosticIds.PlaintextSecret };

    public IEnumerable<ComposeProblem> Check(ComposeProject project)
    {
        var problems = new List<ComposeProblem>();
        foreach (var service in project.Services)
        {
            foreach (var variable in service.Environment)
            {
                if (variable.Value is not { IsLiteral: true } value || string.IsNullOrWhiteSpace(value.Value))
                    continue;
                var text = value.Value.Trim();
                if (InlinePassword(text))
                {
                    problems.Add(new ComposeProblem(
                        DiagnosticIds.PlaintextSecret,
                        ProblemSeverity.Info,
                        $"service '{service.Name}' sets {variable.Name} to a connection string with a plaintext password in 'environment': it is in the compose file and in 'docker inspect'; "
                        + "write the password as '${VAR}' inside the value and keep it in .env (out of source control), or read it from a compose secret",
                        value.Span));
                }
                else if (NameSaysSecret(variable.Name) && !LooksLikeReference(text))
                {
                    problems.Add(new ComposeProblem(
                        DiagnosticIds.PlaintextSecret,
                        ProblemSeverity.Info,
                        $"service '{service.Name}' sets {variable.Name} to a plaintext value in 'environment': it is in the compose file and in 'docker inspect'; "
                        + $"write '${{{variable.Name}}}' and keep the value in .env (out of source control), or use {variable.Name}_FILE with a compose secret if the image reads *_FILE variables",
                        value.Span));
                }
            }
        }

        return problems;
    }

    /// <summary>True when the name says the variable holds a secret (and not a setting about one).</summary>
    internal static bool NameSaysSecret(string name)
    {
        var words = name.ToUpperInvariant().Split(new[] { '_', '-', '.' }, StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || NotSecretSuffixes.Contains(words[words.Length - 1]) || words.Any(NotSecretWords.Contains))
            return false;
        for (var i = 0; i < words.Length; i++)
        {
            var word = words[i];
            if (SecretWords.Any(secret => word.EndsWith(secret, StringComparison.Ordinal) || word == secret + "S"))
                return true;
            if (SecretTokens.Contains(words[i]))
                return true;
            if (words[i] == "KEY" && i > 0 && KeyQualifiers.Contains(words[i - 1]))
                return true;
        }

        return false;
    }

    private static bool InlinePassword(string value)
    {
        if (value.Length > MaxConnectionStringLength)
            return false;
        try
        {
            return Matches(value);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool Matches(string value)
    {
        foreach (Match match in UriPassword.Matches(value))
        {
            if (IsLiteralSecret(match.Groups[1].Value))
                return true;
        }

        foreach (Match match in KeyValuePassword.Matches(value))
        {
            if (IsLiteralSecret(match.Groups[1].Value.Trim().Trim('\'', '"')))
                return true;
        }

        return false;
    }

    private static bool IsLiteralSecret(string text) => text.Length > 0 && !LooksLikeReference(text);

    /// <summary>A path, a URL, a variable the container expands (<c>$VAR</c>, written <c>$$VAR</c>), or a switch.</summary>
    private static bool LooksLikeReference(string text)
        => text.StartsWith("/", StringComparison.Ordinal)
        || text.StartsWith("$", StringComparison.Ordinal)
        || text.Contains("${")
        || text.Contains("://")
        || Switches.Contains(text);
}
