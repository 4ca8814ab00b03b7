using System.Text;

namespace AdvisorBot.Cards;

/// <summary>
/// User text on a card or in a Markdown export: shown as typed, never as markup. Adaptive Card text blocks take a
/// Markdown subset (and Teams reads some HTML), so every character that can start markup is escaped with a
/// backslash, and line breaks become spaces (a new line could start a list or a heading).
/// </summary>
public static class CardMarkdown
{
    private const string Special = "\\`*_[]<>~#";

    public static string Escape(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var escaped = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            if (c is '\r' or '\n')
            {
                escaped.Append(' ');
                continue;
            }

            if (Special.Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
