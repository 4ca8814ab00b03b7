using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AdvisorBot.Protocol;

/// <summary>
/// Reading what a client sent without trusting its shape: a member of something that is not an object is absent, a
/// number where a string was expected is no string, and text is made safe to keep and to echo. Nothing here throws.
/// </summary>
public static class JsonRead
{
    /// <summary>The member <paramref name="name"/> of an object; null for anything else or a missing member.</summary>
    public static JsonNode? Member(JsonNode? node, string name)
    {
        try
        {
            return node is JsonObject obj && obj.TryGetPropertyValue(name, out var child) ? child : null;
        }
        catch (ArgumentException)
        {
            return null; // a duplicate property name surfaces when the object is first read
        }
    }

    /// <summary>A path of members: <c>Member(Member(node, a), b)</c>.</summary>
    public static JsonNode? Path(JsonNode? node, params string[] names) => names.Aggregate(node, Member);

    /// <summary>The string value of a node (<see cref="UserText.Clean"/>ed); null for numbers, objects, arrays and null.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String && value.TryGetValue<string>(out var text) ? UserText.Clean(text) : null;
}

/// <summary>Text a user sent, made safe to understand, store and echo.</summary>
public static class UserText
{
    /// <summary>
    /// Lone surrogates and non-characters (U+FFFE, U+FFFF, …) become U+FFFD; control characters other than tab and
    /// newline go. Text without any of them is returned as it is, without copying.
    /// </summary>
    public static string Clean(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return NeedsCleaning(text) ? Rebuild(text) : text;
    }

    private static bool NeedsCleaning(string text)
    {
        foreach (var c in text)
        {
            if (char.IsSurrogate(c) || c is '\uFFFE' or '\uFFFF' || (char.IsControl(c) && c is not ('\n' or '\t' or '\r')))
            {
                return true;
            }
        }

        return false;
    }

    private static string Rebuild(string text)
    {
        var clean = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            // EnumerateRunes yields U+FFFD for every lone surrogate.
            if (rune.Value is 0xFFFE or 0xFFFF || (rune.Value & 0xFFFE) == 0xFFFE)
            {
                clean.Append('\uFFFD');
            }
            else if (!Rune.IsControl(rune) || rune.Value is '\n' or '\t' or '\r')
            {
                clean.Append(rune.ToString());
            }
        }

        return clean.ToString();
    }
}

/// <summary>A caller's string made fit for a log line: no line breaks or other control characters, at most 100 characters.</summary>
public static class LogText
{
    public const int MaxLength = 100;

    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var clean = new StringBuilder(Math.Min(text.Length, MaxLength));
        foreach (var c in text)
        {
            clean.Append(char.IsControl(c) || char.IsSurrogate(c) ? '?' : c);
            if (clean.Length == MaxLength)
            {
                return clean.Append('…').ToString();
            }
        }

        return clean.ToString();
    }
}
