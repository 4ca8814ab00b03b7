using AdvisorBot.Dialogs;
using AdvisorBot.Dialogs.Intents;
using AdvisorBot.Knowledge;
using AdvisorBot.Understanding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AdvisorBot.Tests.Dialogs.Conversation;

[Collection(AppCollection.Name)]
public sealed class IntentHandlersTests(AdvisorBotApp app)
{
    private IntentHandlers Create(IIntentClassifier classifier, IEnumerable<IIntentHandler> handlers) =>
        new(handlers, classifier, app.Services.GetRequiredService<IReadOnlyDictionary<string, ResponseTexts>>());

    [Fact]
    public void Constructor_IntentWithoutHandler_RefusesToStart()
    {
        var handlers = app.Services.GetServices<IIntentHandler>().Where(h => h is not SalaryHandler);
        var ex = Assert.Throws<InvalidOperationException>(() => Create(TestData.Classifier, handlers));
        Assert.Contains("intent 'Salary' has no SalaryHandler", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_HandlerWithoutUtterances_RefusesToStart()
    {
        var classifier = new FixedClassifier(TestData.Classifier.Intents.Where(i => i != "Hobbies").ToList());
        var ex = Assert.Throws<InvalidOperationException>(() => Create(classifier, app.Services.GetServices<IIntentHandler>()));
        Assert.Contains("HobbiesHandler has no utterances in dialogs/*.lu", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hallo", "en-US", null, "en")]
    [InlineData("hallo", null, "nl", "nl")]
    [InlineData("ok", "en-US", "nl", "nl")]
    [InlineData("hoe schaars zijn senior developers eigenlijk", "en-US", "en", "nl")]
    [InlineData("how scarce are senior developers really", "nl-NL", "nl", "en")]
    public void Choose_TextConversationAndLocale_PrefersTextThenConversationThenLocale(string text, string? locale, string? conversationLanguage, string expected)
    {
        var languages = app.Services.GetRequiredService<LanguageChooser>();
        Assert.Equal(expected, languages.Choose(text, locale, new ConversationState { Language = conversationLanguage }));
    }

    private sealed class FixedClassifier(IReadOnlyCollection<string> intents) : IIntentClassifier
    {
        public IReadOnlyCollection<string> Intents => intents;

        public IntentPrediction Predict(string text) => new("None", 1, "None", 0);
    }
}
