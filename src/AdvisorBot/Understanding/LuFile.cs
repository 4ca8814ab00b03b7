namespace AdvisorBot.Understanding;

/// <summary>One labelled utterance from a .lu file.</summary>
public sealed record Utterance(string Intent, string Text, string Language, string File, int Line);

/// <summary>
/// Reads the Bot Framework .lu subset the dialogs folder uses: <c># IntentName</c> starts an intent,
/// <c>- text</c> is an utterance, <c>&gt; ...</c> is a comment, blank lines are ignored. Anything else is an error
/// naming file and line, so a typo in data never trains silently.
/// </summary>
public static class LuFile
{
    public static IReadOnlyList<Utterance> Parse(string fileName, string language, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var utterances = new List<Utterance>();
        string? intent = null;
        var lineNumber = 0;
        foreach (var rawLine in content.Split('\n'))
        {
            lineNumber++;
            var line = rawLine.Trim();
            if (line.Length == 0 || line.StartsWith('>'))
            {
                continue;
            }

            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                intent = ParseIntent(line, fileName, lineNumber);
                continue;
            }

            if (line.StartsWith('-') || line.StartsWith('*'))
            {
                AddUtterance(utterances, intent, line, language, fileName, lineNumber);
                continue;
            }

            throw new FormatException($"{fileName}:{lineNumber}: expected '# Intent', '- utterance' or '> comment'");
        }

        return utterances;
    }

    /// <summary>The name on a <c># IntentName</c> line; throws unless it is letters, digits or _.</summary>
    private static string ParseIntent(string line, string fileName, int lineNumber)
    {
        var intent = line[2..].Trim();
        if (intent.Length == 0 || !intent.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
        {
            throw new FormatException($"{fileName}:{lineNumber}: intent name '{intent}' must be letters, digits or _");
        }

        return intent;
    }

    /// <summary>Adds the text of a <c>- text</c> line to the current intent (an empty text adds nothing); throws before the first intent.</summary>
    private static void AddUtterance(List<Utterance> utterances, string? intent, string line, string language, string fileName, int lineNumber)
    {
        if (intent is null)
        {
            throw new FormatException($"{fileName}:{lineNumber}: utterance before the first '# Intent' line");
        }

        var text = line[1..].Trim();
        if (text.Length > 0)
        {
            utterances.Add(new Utterance(intent, text, language, fileName, lineNumber));
        }
    }

    /// <summary>Every <c>*.lu</c> file under a folder; the language is the name's last part before .lu (<c>advisor.nl.lu</c> → nl).</summary>
    public static IReadOnlyList<Utterance> LoadFolder(string folder)
    {
        var all = new List<Utterance>();
        foreach (var path in Directory.EnumerateFiles(folder, "*.lu", SearchOption.TopDirectoryOnly).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            var dot = name.LastIndexOf('.');
            if (dot < 0)
            {
                throw new FormatException($"{Path.GetFileName(path)}: name the language before .lu, as in advisor.nl.lu");
            }

            all.AddRange(Parse(Path.GetFileName(path), name[(dot + 1)..], File.ReadAllText(path)));
        }

        return all;
    }
}
