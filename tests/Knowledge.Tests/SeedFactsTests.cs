namespace AdvisorBot.Knowledge.Tests;

/// <summary>
/// Every figure and list of shared/seeds/README.md (the reconstruction of the report) against the shipped profile.
/// One row per fact; a row that fails names the fact.
/// </summary>
public sealed class SeedFactsTests
{
    private static readonly Lazy<TargetGroupProfile> Profile = new(() => ShippedProfile.LoadAsync().GetAwaiter().GetResult());

    public static TheoryData<string> FactNames => new(Facts.Keys);

    [Theory]
    [MemberData(nameof(FactNames))]
    public void ShippedProfile_EachFact_MatchesTheSeedReadme(string fact)
    {
        var (actual, expected) = Facts[fact](Profile.Value);
        Assert.Equal(expected, actual);
    }

    private static string Nl(IEnumerable<ListItem> items) => string.Join(" | ", items.Select(i => i.Label["nl"]));

    private static string NlWithValues(IEnumerable<ListItem> items) => string.Join(" | ", items.Select(i => $"{i.Label["nl"]} {i.Value}"));

    private static string Values(Distribution d) => string.Join(" | ", d.Items.Select(i => $"{i.Key} {i.Value}"));

    private static readonly Dictionary<string, Func<TargetGroupProfile, (object Actual, object Expected)>> Facts = new()
    {
        // Selection
        ["selection.function"] = p => (p.Selection.Function["nl"], "IT ontwikkelaar"),
        ["selection.functionGroup"] = p => (p.Selection.FunctionGroup["nl"], "Ontwikkelen"),
        ["selection.education"] = p => (string.Join(",", p.Selection.EducationLevels.Select(e => e.Code)), "MBO,HBO,WO"),
        ["selection.experience"] = p => (p.Selection.ExperienceLevel.Code, "senior"),
        ["selection.region"] = p => (p.Selection.Region.Label["nl"], "Nederland"),
        ["selection.client"] = p => (p.Selection.Client["nl"], "Ministerie van Binnenlandse Zaken en Koninkrijksrelaties"),
        ["selection.year"] = p => (p.Selection.ReportYear, 2020),
        ["selection.publisher"] = p => (p.Selection.Publisher, "Intelligence Group"),

        // Demand
        ["demand.vacancies"] = p => (p.Demand.Vacancies.Value, 90000m),
        ["demand.vacancyTrend"] = p => (p.Demand.VacancyTrend.Value, -6.8m),
        ["demand.intermediaryShare"] = p => (p.Demand.IntermediaryShare.Value, 60.6m),
        ["demand.salary"] = p => (p.Demand.OfferedSalary.Value, 47000m),
        ["demand.salary.hoursBasis"] = p => (p.Demand.OfferedSalary.HoursBasis!, 40m),
        ["demand.salary.unit"] = p => (p.Demand.OfferedSalary.Unit, FigureUnit.EurPerYear),
        ["demand.topEmployers"] = p => (Nl(p.Demand.TopEmployers.Items), "ASML | CGI | ING | Dutch Digital Agencies | Qualogy"),
        ["demand.topIntermediaries"] = p => (Nl(p.Demand.TopIntermediaries.Items), "CareerValue | BOLD Company | iSense | Jelling | StarApple"),
        ["demand.governmentDemanders"] = p => (Nl(p.Demand.GovernmentDemanders.Items), "Belastingdienst | AIVD | DUO | Ministerie van BZK | Dienst ICT Uitvoering (DICTU)"),

        // Supply
        ["supply.potentialCandidates"] = p => (p.Supply.PotentialCandidates.Value, 115000m),
        ["supply.workingForGovernment"] = p => (p.Supply.WorkingForGovernment.Value, 5000m),
        ["supply.permanentContract"] = p => (p.Supply.PermanentContract.Value, 68m),
        ["supply.changedEmployer"] = p => (p.Supply.ChangedEmployerLastYear.Value, 14m),
        ["supply.searchActivity"] = p => (Values(p.Supply.SearchActivity), "active 15 | latent 52 | not-looking 33"),
        ["supply.activityLevel"] = p => (p.Supply.ActivityLevel.Label["nl"], "Gemiddeld actief"),

        // Scarcity
        ["scarcity.indication"] = p => (p.Scarcity.Indication.Label["nl"], "Zeer schaars"),
        ["scarcity.outlook"] = p => (p.Scarcity.Outlook12Months.Label["nl"], "Blijft even schaars"),
        ["scarcity.feasibility"] = p => (p.Scarcity.Feasibility.Label["nl"], "Zeer moeilijk"),
        ["scarcity.vacancyPressure"] = p => (p.Scarcity.VacancyPressure.Value, 5m),
        ["scarcity.vacancyPressure.unit"] = p => (p.Scarcity.VacancyPressure.Unit, FigureUnit.VacanciesPerActiveJobSeeker),
        ["scarcity.sourcingPressure"] = p => (p.Scarcity.SourcingPressure.Value, 67m),

        // Background
        ["background.seniority"] = p => (Values(p.Background.Seniority), "junior 15 | medior 17 | senior 68"),
        ["background.gender"] = p => (Values(p.Background.Gender), "male 88 | female 12"),
        ["background.averageAge"] = p => (p.Background.AverageAge.Value, 40m),
        ["background.ageBands"] = p => (Values(p.Background.AgeBands), "under-30 20 | 30-40 32 | 40-50 25 | 50-plus 23"),
        ["background.currentBranches"] = p => (NlWithValues(p.Background.CurrentBranches.Items),
            "ICT, media en telecommunicatie 57 | Accountancy, advies, juridische dienstverlening, reclame en marktonderzoek 6 | Industrie 10 | Financiële sector, bank- en verzekeringswezen 6 | Openbaar bestuur en overheidsdiensten 5"),
        ["background.fieldOfStudy"] = p => (NlWithValues(p.Background.FieldOfStudy.Items),
            "Informatica en ICT 67 | Kunst, grafisch 9 | Techniek, productie 15 | Wiskunde, natuurwetenschappen, milieu 8 | Administratief, secretarieel 6"),
        ["background.governmentNow"] = p => (p.Background.GovernmentShareNow.Value, 5m),
        ["background.governmentWished"] = p => (p.Background.GovernmentShareWished.Value, 18m),

        // Ambitions
        ["ambitions.otherBranches"] = p => (NlWithValues(p.Ambitions.OtherBranches.Items),
            "Accountancy, advies, juridische dienstverlening, reclame en marktonderzoek 31 | ICT, media en telecommunicatie 29 | Openbaar bestuur en overheidsdiensten 18 | Kunst, cultuur, sport en recreatie 14 | Onderwijs, opleiding, coaching en training 12"),
        ["ambitions.noOtherBranch"] = p => (p.Ambitions.NoOtherBranch.Value, 23m),
        ["ambitions.otherFunctions"] = p => (NlWithValues(p.Ambitions.OtherFunctions.Items),
            "Engineering 18 | Onderzoek, wetenschap en R&D 18 | Design, grafisch en ontwerp 16 | Consultancy en advies 14 | Toerisme, recreatie en sport 13"),
        ["ambitions.noOtherFunction"] = p => (p.Ambitions.NoOtherFunction.Value, 19m),
        ["ambitions.relocate"] = p => (p.Ambitions.WillingToRelocate.Value, 21m),
        ["ambitions.hours"] = p => (p.Ambitions.DesiredHoursPerWeek.Value, 36m),
        ["ambitions.travelMinutes"] = p => (p.Ambitions.TravelWillingnessMinutes.Value, 47m),

        // Interests
        ["interests.websites"] = p => (Nl(p.Interests.Websites.Items), "facebook.com | nu.nl | tweakers.net | youtube.com | nos.nl"),
        ["interests.tradeMedia"] = p => (Nl(p.Interests.TradeMedia.Items), "computeridee.nl | stackoverflow.com | agconnect.nl | computable.nl | technet.microsoft.com"),
        ["interests.favouriteApps"] = p => (Nl(p.Interests.FavouriteApps.Items), "Facebook | WhatsApp | Instagram | Spotify | NU"),
        ["interests.typicalApps"] = p => (Nl(p.Interests.TypicalApps.Items), "iZettle | AdSense | TheFork | Tasker | Marketplace"),
        ["interests.favouriteHobbies"] = p => (string.Join(" | ", p.Interests.FavouriteHobbies.Items.Select(i => i.Label["en"])),
            "Holidays and travel | Watching TV, films and series | Eating out | Meeting friends and family | Reading"),
        ["interests.distinctiveHobbies"] = p => (string.Join(" | ", p.Interests.DistinctiveHobbies.Items.Select(i => i.Label["en"])),
            "Economic and financial news | Gaming and computer games | Gardening | DIY and odd jobs | Puzzles and games"),

        // Attractiveness
        ["attractiveness.pullFactors"] = p => (string.Join(" | ", p.Attractiveness.PullFactors.Items.Select(i => $"{i.Rank}:{i.Key} {i.Value}")),
            "1:good-salary 59 | 2:work-atmosphere 46 | 3:close-to-home 44 | 4:job-content 43 | 5:permanent-contract 39 | 6:challenge 26 | 7:secondary-conditions 21 | 8:growth 20 | 9:independence 18 | 10:acceptable-workload 16"),
        ["attractiveness.conditions"] = p => (string.Join(" | ", p.Attractiveness.EmploymentConditions.Items.Select(i => $"{i.Rank}:{i.Key} {i.Value}")),
            "1:flexible-hours 53 | 2:work-from-home 46 | 3:travel-allowance 44 | 4:free-time 40 | 5:pension 38 | 6:thirteenth-month 23 | 7:devices 19 | 8:training-budget 18 | 9:bonus 18 | 10:company-car 14"),
        ["attractiveness.quadrant.definitions"] = p => (string.Join(",", p.Attractiveness.Quadrant.Definitions.Select(d => d.Label["nl"])),
            "Kritische wervingsfactoren,Beweegmotieven,Randvoorwaarden"),
        ["attractiveness.quadrant.factors"] = p => (p.Attractiveness.Quadrant.Factors.Count, 14),
        ["attractiveness.quadrant.placementUnknown"] = p => (p.Attractiveness.Quadrant.PlacementKnown || p.Attractiveness.Quadrant.Factors.Any(f => f.Quadrant is not null), false),

        // Approach
        ["approach.sourcingPressure"] = p => (p.Approach.SourcingPressure.Value, 67m),
        ["approach.wantToKnow"] = p => (string.Join(",", p.Approach.WantToKnow.Items.Select(i => i.Key)),
            "fit,hours,contract,content,salary,location,employer,flexible-hours,secondary-conditions"),

        // Channels
        ["channels.search"] = p => (string.Join(" | ", p.Channels.SearchChannels.Items.Select(i => $"{i.Key} {i.Value}")),
            "job-sites 53 | network 37 | search-engine 36 | social-media 32 | findable-online 28 | open-application 26 | cv-database 25 | recruitment-agency 20 | company-sites 16 | internal-vacancies 15"),
        ["channels.jobSites"] = p => (Nl(p.Channels.JobSites.Items), "monsterboard.nl | indeed.nl | nationalevacaturebank.nl | intermediair.nl | freelancer.nl"),
        ["channels.nicheJobSites"] = p => (Nl(p.Channels.NicheJobSites.Items), "stackoverflow.com | itbanen.nl | freelance.nl"),
        ["channels.socialMedia"] = p => (Nl(p.Channels.SocialMedia.Items), "Facebook | LinkedIn"),

        // Checklist and sources
        ["checklist.steps"] = p => (string.Join(",", p.Checklist.Items.Select(i => i.Key)),
            "information-collected,vacancy-texts,scarcity-feasibility,marketing-mix,referral-programme,campaign,own-item"),
        ["checklist.openItem"] = p => (p.Checklist.Items.Single(i => i.Open).Step, 7),
        ["sources.ids"] = p => (string.Join(",", p.Sources.Select(s => s.Id)), "ago,jobdigger-jobfeed,cbs-uwv,arbeidsmarktkansen,linkedin-public"),
        ["doubts.quadrant"] = p => (p.Doubts.Any(d => d.Path == "$.attractiveness.quadrant"), true),
        ["doubts.branchesStudySwap"] = p => (p.Doubts.Any(d => d.Path == "$.background"), true),
    };

    [Fact]
    public void ShippedProfile_EveryTextAndLabel_HasDutchAndEnglish()
    {
        var json = System.Text.Json.Nodes.JsonNode.Parse(ShippedProfile.Json)!;
        var missing = new List<string>();
        Walk(json, "$");
        Assert.Empty(missing);

        void Walk(System.Text.Json.Nodes.JsonNode? node, string path)
        {
            if (node is System.Text.Json.Nodes.JsonObject obj)
            {
                if (obj.ContainsKey("nl") || obj.ContainsKey("en"))
                {
                    if (obj["nl"] is null || obj["en"] is null) { missing.Add(path); }
                    return;
                }

                foreach (var (k, v) in obj) { Walk(v, $"{path}.{k}"); }
            }
            else if (node is System.Text.Json.Nodes.JsonArray arr)
            {
                for (var i = 0; i < arr.Count; i++) { Walk(arr[i], $"{path}[{i}]"); }
            }
        }
    }

    [Fact]
    public void ShippedProfile_EveryFigure_HasAKnownSourceAndTheReportYear()
    {
        var p = Profile.Value;
        var figures = new[]
        {
            p.Demand.Vacancies, p.Demand.VacancyTrend, p.Demand.IntermediaryShare, p.Demand.OfferedSalary,
            p.Supply.PotentialCandidates, p.Supply.WorkingForGovernment, p.Supply.PermanentContract, p.Supply.ChangedEmployerLastYear,
            p.Scarcity.VacancyPressure, p.Scarcity.SourcingPressure, p.Background.AverageAge, p.Background.GovernmentShareNow,
            p.Background.GovernmentShareWished, p.Ambitions.NoOtherBranch, p.Ambitions.NoOtherFunction, p.Ambitions.WillingToRelocate,
            p.Ambitions.DesiredHoursPerWeek, p.Ambitions.TravelWillingnessMinutes, p.Approach.SourcingPressure,
        };
        Assert.All(figures, f => Assert.Contains(f.Source, p.Sources.Select(s => s.Id)));
        Assert.Equal("Jobdigger en Jobfeed · Intelligence Group 2020", p.Cite(p.Demand.Vacancies.Source, "nl"));
        Assert.Equal("Labour Market Behaviour Survey (AGO), Intelligence Group · Intelligence Group 2020", p.Cite("ago", "en"));
    }
}
