using System.Text.Json.Nodes;
using AdvisorBot.Cards;

namespace AdvisorBot.Tests.Cards;

public sealed class TemplateExpanderTests
{
    private static readonly JsonNode Data = JsonNode.Parse("""
        { "title": "Schaarste", "total": 1234.5, "count": 7, "flag": false, "yes": true, "nothing": null,
          "items": [ { "name": "a", "v": 1 }, { "name": "b", "v": 2 } ], "empty": [], "nested": { "deep": { "x": "X" } } }
        """)!;

    private static JsonObject Expand(string template) => TemplateExpander.Expand(JsonNode.Parse(template)!.AsObject(), Data);

    [Fact]
    public void Expand_WholeStringBinding_KeepsTheJsonType()
    {
        var card = Expand("""{ "n": "${total}", "c": "${count}", "b": "${flag}", "o": "${nested.deep}", "a": "${items}" }""");
        Assert.Equal(1234.5m, card["n"]!.GetValue<decimal>());
        Assert.Equal(System.Text.Json.JsonValueKind.Number, card["c"]!.GetValueKind());
        Assert.False(card["b"]!.GetValue<bool>());
        Assert.Equal("X", card["o"]!["x"]!.GetValue<string>());
        Assert.Equal(2, card["a"]!.AsArray().Count);
    }

    [Fact]
    public void Expand_Interpolation_MakesTextAndKeepsEscapedBindingsLiteral()
    {
        var card = Expand("""{ "t": "Titel: ${title} (${count})", "e": "\\${literal}" }""");
        Assert.Equal("Titel: Schaarste (7)", card["t"]!.GetValue<string>());
        Assert.Equal("${literal}", card["e"]!.GetValue<string>());
    }

    [Fact]
    public void Expand_DataArray_RepeatsTheElementWithIndexAndRoot()
    {
        var card = Expand("""{ "facts": [ { "$data": "${items}", "title": "${$index}: ${name}", "value": "${$root.title}" } ] }""");
        var facts = card["facts"]!.AsArray();
        Assert.Equal(["0: a", "1: b"], facts.Select(f => f!["title"]!.GetValue<string>()));
        Assert.All(facts, f => Assert.Equal("Schaarste", f!["value"]!.GetValue<string>()));
        Assert.All(facts, f => Assert.False(f!.AsObject().ContainsKey("$data")));
    }

    [Fact]
    public void Expand_DataEmptyArray_RemovesTheElement()
    {
        var card = Expand("""{ "body": [ { "type": "A" }, { "$data": "${empty}", "type": "B" } ] }""");
        Assert.Single(card["body"]!.AsArray());
    }

    [Fact]
    public void When_BooleanCondition_KeepsOnlyOnTrue()
    {
        var card = Expand("""{ "body": [ { "$when": "${yes}", "k": 1 }, { "$when": "${flag}", "k": 2 }, { "$when": "${!flag && count > 3}", "k": 3 } ] }""");
        Assert.Equal([1, 3], card["body"]!.AsArray().Select(b => b!["k"]!.GetValue<int>()));
        Assert.All(card["body"]!.AsArray(), b => Assert.False(b!.AsObject().ContainsKey("$when")));
    }

    [Fact]
    public void When_NotBoolean_IsAnError()
    {
        var ex = Assert.Throws<TemplateException>(() => Expand("""{ "body": [ { "$when": "${count}", "k": 1 } ] }"""));
        Assert.Contains("$.body[0].$when must give true or false", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "text": "${missing}" }""", "$.text: '${missing}': property 'missing' is missing in the data")]
    [InlineData("""{ "text": "Half ${nested.nope} string" }""", "$.text: '${nested.nope}': property 'nested.nope' is missing in the data")]
    [InlineData("""{ "text": "x${nothing}y" }""", "$.text: '${nothing}' is null inside text.")]
    [InlineData("""{ "text": "${bogus(1)}" }""", "$.text: '${bogus(1)}': unknown function bogus() with 1 argument(s)")]
    public void Expand_MissingOrWrongBinding_IsAnErrorNotLiteralText(string template, string message)
    {
        var ex = Assert.Throws<TemplateException>(() => Expand(template));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void TemplateFunctions_CountEmptyExistsIf_GiveTheExpectedValues()
    {
        var card = Expand("""{ "c": "${count(items)}", "e": "${empty(empty)}", "x": "${exists(missing)}", "y": "${exists(nested.deep.x)}", "i": "${if(flag, 'ja', 'nee')}" }""");
        Assert.Equal(2, card["c"]!.GetValue<int>());
        Assert.True(card["e"]!.GetValue<bool>());
        Assert.False(card["x"]!.GetValue<bool>());
        Assert.True(card["y"]!.GetValue<bool>());
        Assert.Equal("nee", card["i"]!.GetValue<string>());
    }
}
