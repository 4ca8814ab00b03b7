using System.Text.Json.Nodes;
using AdvisorBot.Cards;
using AdvisorBot.Dialogs;
using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;
using Microsoft.Extensions.DependencyInjection;

namespace AdvisorBot.Tests.Dialogs;

/// <summary>Sweeps over every intent and language: every handler answers, every text resolves, no figure is made up.</summary>
[Collection(AppCollection.Name)]
public sealed class DialogDataTests(AdvisorBotApp app)
{
    private static readonly string[] NoFigureIntents = ["Help", "Greeting", "Thanks", "Cancel", "None", "SwitchLanguage"];

    public static TheoryData<string, string> IntentsAndLanguages()
    {
        var data = new TheoryData<string, string>();
        foreach (var intent in TestData.Classifier.Intents.Order(StringComparer.Ordinal))
        {
            data.Add(intent, "nl");
            data.Add(intent, "en");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(IntentsAndLanguages))]
    public async Task Handler_EveryIntentAndLanguage_AnswersWithResolvedTexts(string intent, string language)
    {
        var handler = app.Services.GetServices<IIntentHandler>().Single(h => h.Intent.Value == intent);
        var texts = app.Services.GetRequiredService<IReadOnlyDictionary<string, ResponseTexts>>()[language];
        var catalog = app.Services.GetRequiredService<ITargetGroupCatalog>();
        var turn = new TurnContext
        {
            Text = texts.For(intent).Lines.GetValueOrDefault("ask") ?? intent,
            Language = language,
            Texts = texts,
            Match = (await catalog.ResolveAsync(TargetGroupQuery.Any))!,
            State = new ConversationState(),
            Quantities = app.Services.GetRequiredService<QuantityRecognizer>(),
        };

        var answer = await handler.HandleAsync(turn, CancellationToken.None);
        var card = app.Services.GetRequiredService<ICardRenderer>().Render(answer);
        var text = CardText.Of(card);

        Assert.False(string.IsNullOrWhiteSpace(answer.Title));
        Assert.Equal(language, answer.Language);
        Assert.DoesNotContain("{", text, StringComparison.Ordinal);
        Assert.True(card.ToJsonString().Length < 40_000, "card over 40 KB");
        if (NoFigureIntents.Contains(intent))
        {
            Assert.False(answer.HasFigures, $"{intent} must not show figures");
            Assert.DoesNotMatch(@"\d+\s?%|€|EUR \d", text);
        }
        else if (intent != "TargetGroupFollowUp")
        {
            Assert.NotNull(answer.Source);
            Assert.NotEmpty(answer.Suggestions);
        }
    }

    [Fact]
    public void ResponseTexts_EveryLanguage_HasTheSameIntentsLinesAndPlaceholders()
    {
        var all = app.Services.GetRequiredService<IReadOnlyDictionary<string, ResponseTexts>>();
        var nl = all["nl"];
        foreach (var other in all.Values.Where(t => t.Language != "nl"))
        {
            Assert.Equal(nl.Intents.Keys.Order(StringComparer.Ordinal), other.Intents.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(nl.Common.Keys.Order(StringComparer.Ordinal), other.Common.Keys.Order(StringComparer.Ordinal));
            Assert.Equal(nl.Units.Keys.Order(StringComparer.Ordinal), other.Units.Keys.Order(StringComparer.Ordinal));
            foreach (var (intent, lines) in nl.Intents)
            {
                Assert.Equal(lines.Lines.Keys.Order(StringComparer.Ordinal), other.Intents[intent].Lines.Keys.Order(StringComparer.Ordinal));
                foreach (var (key, line) in lines.Lines)
                {
                    // The same placeholders in every language: a translation cannot drop a figure.
                    Assert.Equal(ResponseTexts.PlaceholdersOf(line).Order(StringComparer.Ordinal), ResponseTexts.PlaceholdersOf(other.Intents[intent].Lines[key]).Order(StringComparer.Ordinal));
                }
            }
        }
    }

    [Fact]
    public void Fill_MissingPlaceholder_IsAnErrorNotLiteralText()
    {
        var ex = Assert.Throws<KeyNotFoundException>(() => ResponseTexts.Fill("Salaris: {salary}", new Dictionary<string, string>()));
        Assert.Contains("{salary}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renderer_SuggestionButtons_WorkInTeamsAndWebChat()
    {
        var card = await app.AskAsync("hoe schaars zijn ze?", "buttons-" + Guid.NewGuid().ToString("N"));
        var actions = card["actions"]!.AsArray();
        Assert.InRange(actions.Count, 2, 4);
        var action = actions[0]!;
        Assert.Equal("Action.Submit", action["type"]!.GetValue<string>());
        var question = action["title"]!.GetValue<string>();
        Assert.Equal(question, action["data"]!["question"]!.GetValue<string>());
        Assert.Equal("imBack", action["data"]!["msteams"]!["type"]!.GetValue<string>());
        Assert.Equal(question, action["data"]!["msteams"]!["value"]!.GetValue<string>());
        _ = (JsonObject)action;
    }
}
