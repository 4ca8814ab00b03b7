using System.Text.Json.Serialization;

namespace AdvisorBot.Knowledge;

/// <summary>
/// One labour-market target-group report as read-only data: the selection it describes and every
/// section of the report. Shape and rules: profiles/target-group-profile.schema.json and <see cref="ProfileValidator"/>.
/// </summary>
public sealed record TargetGroupProfile(
    int FormatVersion,
    string Id,
    Selection Selection,
    IReadOnlyList<SourceInfo> Sources,
    DemandSection Demand,
    SupplySection Supply,
    ScarcitySection Scarcity,
    BackgroundSection Background,
    AmbitionsSection Ambitions,
    InterestsSection Interests,
    AttractivenessSection Attractiveness,
    ApproachSection Approach,
    ChannelsSection Channels,
    AdviceSection Advice,
    ChecklistSection Checklist,
    IReadOnlyList<Doubt> Doubts)
{
    /// <summary>The file this profile was loaded from (for messages), not part of the document.</summary>
    [JsonIgnore]
    public string? FileName { get; init; }

    /// <summary>A short hash of the file's content: changes whenever the profile does (for cache-safe URLs).</summary>
    [JsonIgnore]
    public string Version { get; init; } = "0";

    public int ReportYear => Selection.ReportYear;

    public SourceInfo Source(string sourceId) =>
        Sources.FirstOrDefault(s => s.Id == sourceId)
        ?? throw new KeyNotFoundException($"Profile {Id} has no source '{sourceId}'.");

    /// <summary>"Jobdigger en Jobfeed, Intelligence Group 2020": where a figure comes from, in one line.</summary>
    public string Cite(string sourceId, string language) =>
        $"{Source(sourceId).Name.Get(language)} · {Selection.Publisher} {Selection.ReportYear}";

    /// <summary>A short name such as "senior IT ontwikkelaar, Nederland".</summary>
    public string DisplayName(string language) =>
        $"{Selection.ExperienceLevel.Label.Get(language)} {Selection.Function.Get(language)}, {Selection.Region.Label.Get(language)}";

    /// <summary>"4 senior IT ontwikkelaars": the level and the function, plural for any count but one (where the profile gives a plural).</summary>
    public string FunctionName(string language, int count) =>
        $"{Selection.ExperienceLevel.Label.Get(language)} {(count == 1 || Selection.FunctionPlural is null ? Selection.Function : Selection.FunctionPlural).Get(language)}";
}

public sealed record Selection(
    LocalizedText Function,
    LocalizedText FunctionGroup,
    IReadOnlyList<string> FunctionSynonyms,
    IReadOnlyList<CodedLabel> EducationLevels,
    CodedLabel ExperienceLevel,
    CodedLabel Region,
    LocalizedText Client,
    int ReportYear,
    string Publisher,
    LocalizedText ReportTitle,
    LocalizedText? FunctionPlural = null);

public sealed record CodedLabel(string Code, LocalizedText Label);

public sealed record SourceInfo(string Id, LocalizedText Name, LocalizedText Measures);

[JsonConverter(typeof(JsonStringEnumConverter<FigureUnit>))]
public enum FigureUnit
{
    [JsonStringEnumMemberName("count")] Count,
    [JsonStringEnumMemberName("percent")] Percent,
    [JsonStringEnumMemberName("percent-change")] PercentChange,
    [JsonStringEnumMemberName("eur-per-year")] EurPerYear,
    [JsonStringEnumMemberName("hours-per-week")] HoursPerWeek,
    [JsonStringEnumMemberName("minutes-one-way")] MinutesOneWay,
    [JsonStringEnumMemberName("years")] Years,
    [JsonStringEnumMemberName("vacancies-per-active-jobseeker")] VacanciesPerActiveJobSeeker,
}

/// <summary>A figure from the report with its unit and the id of its source.</summary>
public sealed record Figure(decimal Value, FigureUnit Unit, string Source, decimal? HoursBasis = null, LocalizedText? Period = null);

/// <summary>A qualitative verdict such as "Zeer schaars".</summary>
public sealed record Category(string Value, LocalizedText Label, string Source);

public sealed record ListItem(LocalizedText Label, int? Rank = null, string? Key = null, decimal? Value = null);

/// <summary>A ranked or plain list; values, where present, are percentages of the target group.</summary>
public sealed record ItemList(string Source, IReadOnlyList<ListItem> Items);

public sealed record DistributionItem(string Key, LocalizedText Label, decimal Value);

/// <summary>A split of the whole target group; values sum to 100.</summary>
public sealed record Distribution(string Source, bool SumsTo100, IReadOnlyList<DistributionItem> Items)
{
    public DistributionItem this[string key] => Items.First(i => i.Key == key);
}

public sealed record DemandSection(
    Figure Vacancies, Figure VacancyTrend, Figure IntermediaryShare, Figure OfferedSalary,
    ItemList TopEmployers, ItemList TopIntermediaries, ItemList GovernmentDemanders, LocalizedText Advice);

public sealed record SupplySection(
    Figure PotentialCandidates, Figure WorkingForGovernment, Figure PermanentContract, Figure ChangedEmployerLastYear,
    Distribution SearchActivity, Category ActivityLevel, LocalizedText Advice);

public sealed record ScarcitySection(
    Category Indication, [property: JsonPropertyName("outlook12Months")] Category Outlook12Months, Category Feasibility,
    Figure VacancyPressure, Figure SourcingPressure, LocalizedText Explanation, LocalizedText Advice);

public sealed record BackgroundSection(
    Distribution Seniority, Distribution Gender, Figure AverageAge, Distribution AgeBands,
    ItemList CurrentBranches, ItemList FieldOfStudy, Figure GovernmentShareNow, Figure GovernmentShareWished);

public sealed record AmbitionsSection(
    ItemList OtherBranches, Figure NoOtherBranch, ItemList OtherFunctions, Figure NoOtherFunction,
    Figure WillingToRelocate, Figure DesiredHoursPerWeek, Figure TravelWillingnessMinutes,
    LocalizedText Advice, LocalizedText HoursTravelAdvice);

public sealed record InterestsSection(
    ItemList Websites, ItemList TradeMedia, ItemList FavouriteApps, ItemList TypicalApps,
    ItemList FavouriteHobbies, ItemList DistinctiveHobbies,
    LocalizedText MediaAdvice, LocalizedText AppsAdvice, LocalizedText HobbiesAdvice);

public sealed record AttractivenessSection(ItemList PullFactors, ItemList EmploymentConditions, RecruitmentQuadrant Quadrant, LocalizedText Advice);

public sealed record RecruitmentQuadrant(
    string Source, IReadOnlyList<QuadrantDefinition> Definitions, IReadOnlyList<QuadrantFactor> Factors,
    bool PlacementKnown, LocalizedText PlacementNote);

public sealed record QuadrantDefinition(string Key, LocalizedText Label, LocalizedText Definition);

/// <summary>A factor of the quadrant; <see cref="Quadrant"/> is null where the report's placement is unknown.</summary>
public sealed record QuadrantFactor(string Key, LocalizedText Label, string? Quadrant);

public sealed record ApproachSection(Figure SourcingPressure, ItemList WantToKnow, LocalizedText Advice);

public sealed record ChannelsSection(ItemList SearchChannels, ItemList JobSites, ItemList NicheJobSites, ItemList SocialMedia, LocalizedText Advice);

public sealed record AdviceSection(LocalizedText ManagingExpectations, LocalizedText ReachAndEngage, LocalizedText Strategy, LocalizedText ApproachAndContent);

public sealed record ChecklistSection(IReadOnlyList<ChecklistItem> Items);

public sealed record ChecklistItem(int Step, string Key, LocalizedText Label, bool Open = false);

/// <summary>A written doubt about the reconstruction of the report, kept as data.</summary>
public sealed record Doubt(string Path, LocalizedText Text);
