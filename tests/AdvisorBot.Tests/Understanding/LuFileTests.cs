using AdvisorBot.Understanding;

namespace AdvisorBot.Tests.Understanding;

public sealed class LuFileTests
{
    [Fact]
    public void Parse_IntentsUtterancesAndComments_ReadsTheUtterancesWithLanguageAndLine()
    {
        var utterances = LuFile.Parse("x.nl.lu", "nl", "> comment\n# Salary\n- wat verdienen ze?\n* salaris\n\n# Help\n- help\n");
        Assert.Equal([("Salary", "wat verdienen ze?"), ("Salary", "salaris"), ("Help", "help")], utterances.Select(u => (u.Intent, u.Text)));
        Assert.All(utterances, u => Assert.Equal("nl", u.Language));
        Assert.Equal(3, utterances[0].Line);
    }

    [Theory]
    [InlineData("- orphan\n", "x.lu:1: utterance before the first '# Intent' line")]
    [InlineData("# Salary\nwat verdienen ze\n", "x.lu:2: expected '# Intent', '- utterance' or '> comment'")]
    [InlineData("# Sal ary\n- x\n", "x.lu:1: intent name 'Sal ary' must be letters, digits or _")]
    public void Parse_Malformed_NamesFileAndLine(string content, string message)
    {
        var ex = Assert.Throws<FormatException>(() => LuFile.Parse("x.lu", "nl", content));
        Assert.Equal(message, ex.Message);
    }
}
