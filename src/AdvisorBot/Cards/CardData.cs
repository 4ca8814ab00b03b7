using System.Globalization;
using System.Text.Json.Nodes;

namespace AdvisorBot.Cards;

/// <summary>
/// The data a card template is expanded with: the answer's texts and figures, formatted in its language, with a
/// boolean for every optional part (templates use <c>$when</c>, which must be strictly boolean) and every chart's
/// data in the shapes Teams' chart elements take, plus the URL of its PNG for hosts without charts.
/// </summary>
public static class CardData
{
    /// <summary>At most this many suggested next questions (Teams shows 6 actions; 4 keep the card calm).</summary>
    public const int MaxSuggestions = 4;

    public static JsonObject From(AnswerView answer, CardLanguage texts, string publicBaseUrl)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(texts);
        var data = new JsonObject
        {
            ["kind"] = answer.Kind.Name,
            ["lang"] = answer.Language,
            ["title"] = answer.Title,
            ["hasNote"] = answer.Note is not null,
            ["note"] = answer.Note ?? "",
            ["hasLead"] = answer.Lead is not null,
            ["lead"] = answer.Lead ?? "",
            ["hasFacts"] = answer.Facts.Count > 0,
            ["facts"] = new JsonArray([.. answer.Facts.Select(f => (JsonNode)new JsonObject { ["title"] = f.Label, ["value"] = f.Value })]),
            ["charts"] = Charts(answer, texts, publicBaseUrl),
            ["lists"] = new JsonArray([.. answer.Lists.Select(l => (JsonNode)new JsonObject
            {
                ["title"] = l.Title,
                ["text"] = string.Join("\n", l.Items.Select((item, i) => l.Numbered ? string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {item}") : $"- {item}")),
            })]),
            ["hasAdvice"] = answer.Advice is not null,
            ["adviceHeading"] = texts.AdviceHeading,
            ["advice"] = answer.Advice ?? "",
            ["hasSource"] = answer.Source is not null,
            ["source"] = answer.Source ?? "",
            ["suggestions"] = new JsonArray([.. answer.Suggestions.Take(MaxSuggestions).Select(s => (JsonNode)new JsonObject { ["title"] = s })]),
            ["hasProgress"] = answer.Progress is not null,
            ["progress"] = answer.Progress ?? "",
        };
        AddInputsAndActions(data, answer);
        return data;
    }

    /// <summary>Every chart in the shapes Teams' chart elements take, with its PNG and its text alternative.</summary>
    private static JsonArray Charts(AnswerView answer, CardLanguage texts, string publicBaseUrl) =>
        new([.. answer.Charts.Select((chart, index) => (JsonNode)new JsonObject
        {
            ["key"] = chart.Key,
            // The figures as a table, behind a "Toon cijfers / Show figures" toggle: the chart and its text alternative
            // come first, and the card stays short. An id unique in the card, whatever the chart's key.
            ["figuresId"] = string.Create(CultureInfo.InvariantCulture, $"figures-{index}-{chart.Key}"),
            ["showFigures"] = texts.ShowFigures,
            ["title"] = chart.Title,
            ["isHorizontalBar"] = chart.Kind == ChartKind.HorizontalBar,
            ["isVerticalBar"] = chart.Kind == ChartKind.VerticalBar,
            ["isDonut"] = chart.Kind == ChartKind.Donut,
            ["bars"] = new JsonArray([.. chart.Points.Select(p => (JsonNode)new JsonObject { ["x"] = p.Label, ["y"] = p.Value })]),
            ["slices"] = new JsonArray([.. chart.Points.Select(p => (JsonNode)new JsonObject { ["legend"] = p.Label, ["value"] = p.Value })]),
            ["points"] = new JsonArray([.. chart.Points.Select(p => (JsonNode)new JsonObject { ["title"] = p.Label, ["value"] = p.FormattedValue })]),
            ["imageUrl"] = ChartUrl(publicBaseUrl, answer, chart),
            ["altText"] = texts.AltText(chart),
        })]);

    /// <summary>The inputs and buttons of a walkthrough step or a plan.</summary>
    private static void AddInputsAndActions(JsonObject data, AnswerView answer)
    {
        data["textInputs"] = new JsonArray([.. answer.Inputs.Where(i => !i.IsChoice).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = i.Id, ["label"] = i.Label, ["value"] = i.Value,
        })]);
        data["choiceInputs"] = new JsonArray([.. answer.Inputs.Where(i => i.IsChoice).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = i.Id, ["label"] = i.Label, ["value"] = i.Value, ["multiple"] = i.Multiple,
            ["choices"] = new JsonArray([.. i.Choices.Select(c => (JsonNode)new JsonObject { ["title"] = c.Title, ["value"] = c.Value })]),
        })]);
        data["submitActions"] = new JsonArray([.. answer.Actions.Where(a => a.Data is not null).Select(a => (JsonNode)new JsonObject
        {
            ["title"] = a.Title,
            ["style"] = a.Primary ? "positive" : "default",
            ["data"] = new JsonObject([.. a.Data!.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]),
        })]);
        data["linkActions"] = new JsonArray([.. answer.Actions.Where(a => a.Url is not null).Select(a => (JsonNode)new JsonObject { ["title"] = a.Title, ["url"] = a.Url })]);
    }

    /// <summary>
    /// The stable, absolute URL of a chart's PNG: /charts/{profile}/{topic}/{chart}.{language}.png?v={profile version}.
    /// The version changes with the profile, so the image can be cached for a year.
    /// </summary>
    public static string ChartUrl(string publicBaseUrl, AnswerView answer, ChartView chart)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(chart);
        return $"{publicBaseUrl.TrimEnd('/')}/charts/{Uri.EscapeDataString(answer.ProfileId ?? "none")}/{Uri.EscapeDataString(answer.Topic ?? answer.Kind.Name)}/{Uri.EscapeDataString(chart.Key)}.{answer.Language}.png?v={answer.ProfileVersion}";
    }
}
