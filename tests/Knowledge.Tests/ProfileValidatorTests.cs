using System.Text.Json.Nodes;

namespace AdvisorBot.Knowledge.Tests;

/// <summary>Each rule with a broken copy of the shipped profile (one change each) and the exact error it must give.</summary>
public sealed class ProfileValidatorTests
{
    private const string File = "broken.json";

    public static TheoryData<string, string> BrokenProfiles => new()
    {
        { "percent-over-100", "broken.json: $.supply.permanentContract.value: percent-range: 168 is outside 0-100" },
        { "list-percent-negative", "broken.json: $.attractiveness.pullFactors.items[2].value: percent-range: -4 is outside 0-100" },
        { "rank-gap", "broken.json: $.channels.searchChannels.items[3].rank: rank-sequence: rank 5 where 4 was expected (ranks run 1..10 without gaps)" },
        { "rank-missing", "broken.json: $.demand.topEmployers.items: rank-sequence: 4 of 5 items have a rank; rank all or none" },
        { "activity-sum", "broken.json: $.supply.searchActivity.items: distribution-sum: values sum to 95, expected 100 ± 1" },
        { "age-sum", "broken.json: $.background.ageBands.items: distribution-sum: values sum to 110, expected 100 ± 1" },
        { "seniority-sum", "broken.json: $.background.seniority.items: distribution-sum: values sum to 90, expected 100 ± 1" },
        { "gender-sum", "broken.json: $.background.gender.items: distribution-sum: values sum to 98, expected 100 ± 1" },
        { "unknown-source", "broken.json: $.demand.vacancies.source: source-reference: unknown source 'linkedin'" },
        { "duplicate-key", "broken.json: $.attractiveness.employmentConditions.items[1].key: unique-key: key 'flexible-hours' appears more than once in this list" },
        { "checklist-steps", "broken.json: $.checklist.items[2].step: checklist-steps: step 4 where 3 was expected" },
        { "required-key", "broken.json: $.channels.searchChannels.items: required-key: no item with key 'network' (the answers name it)" },
        { "required-checklist-key", "broken.json: $.checklist.items: required-key: no item with key 'campaign' (the answers name it)" },
        { "missing-english", "broken.json: $.scarcity.advice: schema: required property 'en' is missing" },
        { "unknown-property", "broken.json: $.demand: schema: property 'vacatures' is not allowed here" },
        { "bad-unit", "broken.json: $.demand.vacancies.unit: schema: value is not one of the allowed values" },
        { "json-syntax", "broken.json: $: json-syntax: Expected start of a property name or value, but instead reached end of data (line 2)" },
    };

    [Theory]
    [MemberData(nameof(BrokenProfiles))]
    public async Task Load_BrokenProfile_NamesFilePathAndRule(string breakage, string expectedError)
    {
        var loader = await ShippedProfile.LoaderAsync();
        var json = Break(breakage);

        var ex = Assert.Throws<ProfileValidationException>(() => loader.Load(File, json));

        Assert.Equal(expectedError, ex.Errors[0].ToString());
        Assert.StartsWith("Invalid target-group profile: " + expectedError, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    /// <summary>The runtime validator and a general one (NJsonSchema) agree on every fixture: same verdict.</summary>
    [Theory]
    [MemberData(nameof(BrokenProfiles))]
    public async Task SchemaValidator_BrokenProfile_AgreesWithNJsonSchema(string breakage, string expectedError)
    {
        if (breakage == "json-syntax")
        {
            return;
        }

        var json = Break(breakage);
        var schemaPath = Path.Combine(ShippedProfile.ProfilesFolder, ProfileLoader.SchemaFileName);
        var reference = await NJsonSchema.JsonSchema.FromFileAsync(schemaPath);
        using var document = System.Text.Json.JsonDocument.Parse(await System.IO.File.ReadAllTextAsync(schemaPath));
        var ours = new SchemaValidator(document).Validate(File, JsonNode.Parse(json));

        Assert.Equal(reference.Validate(json).Count > 0, ours.Count > 0);
        Assert.Equal(expectedError.Contains(": schema: ", StringComparison.Ordinal), ours.Count > 0);
    }

    [Fact]
    public async Task SchemaValidator_ShippedAndFictionalProfiles_ValidForBoth()
    {
        var schemaPath = Path.Combine(ShippedProfile.ProfilesFolder, ProfileLoader.SchemaFileName);
        var reference = await NJsonSchema.JsonSchema.FromFileAsync(schemaPath);
        using var document = System.Text.Json.JsonDocument.Parse(await System.IO.File.ReadAllTextAsync(schemaPath));
        var ours = new SchemaValidator(document);
        foreach (var file in new[] { Path.Combine(ShippedProfile.ProfilesFolder, ShippedProfile.FileName), Path.Combine(ShippedProfile.FixturesFolder, "fictional-junior-data-analist-utrecht-2031.json") })
        {
            var json = await System.IO.File.ReadAllTextAsync(file);
            Assert.Empty(reference.Validate(json));
            Assert.Empty(ours.Validate(file, JsonNode.Parse(json)));
        }
    }

    [Fact]
    public void SchemaValidator_UnsupportedKeyword_RefusesTheSchema()
    {
        using var document = System.Text.Json.JsonDocument.Parse("""{ "type": "object", "properties": { "a": { "oneOf": [] } } }""");
        var ex = Assert.Throws<NotSupportedException>(() => new SchemaValidator(document));
        Assert.Equal("Schema keyword 'oneOf' at #/properties/a is not supported by SchemaValidator.", ex.Message);
    }

    [Fact]
    public async Task Load_ShippedProfile_HasNoErrors()
    {
        var loader = await ShippedProfile.LoaderAsync();
        var profile = loader.Load(ShippedProfile.FileName, ShippedProfile.Json);
        Assert.Equal("it-ontwikkelaar-senior-nl-2020", profile.Id);
    }

    private static string Break(string breakage)
    {
        if (breakage == "json-syntax")
        {
            return "{\n  \"formatVersion\": 1,";
        }

        var root = JsonNode.Parse(ShippedProfile.Json)!;
        switch (breakage)
        {
            case "percent-over-100": root["supply"]!["permanentContract"]!["value"] = 168; break;
            case "list-percent-negative": root["attractiveness"]!["pullFactors"]!["items"]![2]!["value"] = -4; break;
            case "rank-gap": root["channels"]!["searchChannels"]!["items"]![3]!["rank"] = 5; break;
            case "rank-missing": root["demand"]!["topEmployers"]!["items"]![4]!.AsObject().Remove("rank"); break;
            case "activity-sum": root["supply"]!["searchActivity"]!["items"]![0]!["value"] = 10; break;
            case "age-sum": root["background"]!["ageBands"]!["items"]![0]!["value"] = 30; break;
            case "seniority-sum": root["background"]!["seniority"]!["items"]![2]!["value"] = 58; break;
            case "gender-sum": root["background"]!["gender"]!["items"]![1]!["value"] = 10; break;
            case "unknown-source": root["demand"]!["vacancies"]!["source"] = "linkedin"; break;
            case "duplicate-key": root["attractiveness"]!["employmentConditions"]!["items"]![1]!["key"] = "flexible-hours"; break;
            case "checklist-steps": root["checklist"]!["items"]![2]!["step"] = 4; break;
            case "required-key": root["channels"]!["searchChannels"]!["items"]![1]!["key"] = "netwerk"; break;
            case "required-checklist-key": root["checklist"]!["items"]![5]!["key"] = "campagne"; break;
            case "missing-english": root["scarcity"]!["advice"]!.AsObject().Remove("en"); break;
            case "unknown-property": root["demand"]!["vacatures"] = 1; break;
            case "bad-unit": root["demand"]!["vacancies"]!["unit"] = "stuks"; break;
            default: throw new ArgumentOutOfRangeException(nameof(breakage), breakage, null);
        }

        return root.ToJsonString();
    }
}
