using AdvisorBot.Dialogs;
using AdvisorBot.Dialogs.Conversation;
using AdvisorBot.Dialogs.Intents;
using AdvisorBot.Dialogs.Routing;
using AdvisorBot.Knowledge;
using AdvisorBot.Features.Checklist;
using AdvisorBot.Turn;
using AdvisorBot.Understanding;

namespace AdvisorBot.Hosting;

/// <summary>The conversation: response texts, the topic handlers, the recognisers and handlers of the typed router, and the turn.</summary>
public static class TurnSetup
{
    /// <summary>Response texts and the dialog logic; every topic of dialogs/*.lu with its handler, named here.</summary>
    public static WebApplicationBuilder AddDialogs(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<DialogOptions>().BindConfiguration(DialogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IReadOnlyDictionary<string, ResponseTexts>>(sp =>
            ResponseTexts.LoadFolder(Path.Combine(CoreSetup.DialogsPath(sp), "responses")));
        services.AddSingleton<LanguageChooser>();
        services.AddSingleton<TurnContexts>();
        services.AddSingleton<IntentHandlers>();
        AddTopics(services);

        services.AddSingleton<ITurnRecognizer>(sp => new ForgetRecognizer(PhraseMatcher.Load(Path.Combine(CoreSetup.DialogsPath(sp), "privacy.json"), "forget")));
        services.AddTurnHandler<ForgetHandler>();
        services.AddSingleton<ITurnRecognizer>(sp => new InstructionOverrideRecognizer(
            PhraseMatcher.Load(Path.Combine(CoreSetup.DialogsPath(sp), "out-of-scope.json"), "instructionOverride", "generalQuestions")));
        services.AddSingleton<ITurnRecognizer, ReplayRecognizer>();
        services.AddSingleton<ITurnRecognizer, VacancyRecognizer>();
        services.AddSingleton<ITurnRecognizer, HiringGoalRecognizer>();
        services.AddSingleton(sp => new NotInReportCatalog(Path.Combine(CoreSetup.DialogsPath(sp), "unanswerable.json")));
        services.AddSingleton<ITurnRecognizer, NotInReportRecognizer>();
        AddFollowUps(services);
        services.AddSingleton<ITurnRecognizer, SalaryOfferRecognizer>();
        services.AddSingleton(sp => new ReportItemIndex(Path.Combine(CoreSetup.DialogsPath(sp), "report-items.json"), sp.GetRequiredService<ITargetGroupCatalog>()));
        services.AddSingleton<ITurnRecognizer, ReportItemRecognizer>();
        services.AddSingleton<ITurnRecognizer>(sp => new MultiTopicRecognizer(sp.GetRequiredService<IIntentClassifier>(),
            PhraseMatcher.Load(Path.Combine(CoreSetup.DialogsPath(sp), "follow-ups.json"), "oneQuestion"), sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<DialogOptions>>()));
        services.AddSingleton<ITurnRecognizer, TopicRecognizer>();
        services.AddTurnHandler<WelcomeHandler>();
        services.AddTurnHandler<ReplayHandler>();
        services.AddTurnHandler<VacancyCheckHandler>();
        services.AddTurnHandler<HiringGoalHandler>();
        services.AddTurnHandler<NotInReportHandler>();
        services.AddTurnHandler<ExplainHandler>();
        services.AddTurnHandler<MultiTopicHandler>();
        services.AddTurnHandler<TopicHandler>();
        services.AddSingleton<TurnRouter>();
        return builder;
    }

    /// <summary>The readers of follow-ups (dialogs/follow-ups.json): what to do, the other language, a topic of its own, why.</summary>
    private static void AddFollowUps(IServiceCollection services)
    {
        services.AddSingleton<ITurnRecognizer>(sp => new WhatToDoRecognizer(PhraseMatcher.Load(Path.Combine(CoreSetup.DialogsPath(sp), "follow-ups.json"), "whatToDo"),
            sp.GetRequiredService<IIntentClassifier>()));
        services.AddSingleton<ITurnRecognizer>(sp => new SwitchLanguageRecognizer(PhraseMatcher.Load(Path.Combine(CoreSetup.DialogsPath(sp), "follow-ups.json"), "switchLanguage")));
        services.AddSingleton<ITurnRecognizer>(sp => FollowUpTopicRecognizer.Load(Path.Combine(CoreSetup.DialogsPath(sp), "follow-ups.json"),
            sp.GetRequiredService<IIntentClassifier>(), sp.GetRequiredService<TargetGroupExtractor>(), sp.GetRequiredService<ITargetGroupCatalog>()));
        services.AddSingleton<ITurnRecognizer>(sp => ExplainRecognizer.Load(Path.Combine(CoreSetup.DialogsPath(sp), "follow-ups.json")));
    }

    /// <summary>The guided checklist walkthrough: its phrases and buttons, its handler and the plan export.</summary>
    public static WebApplicationBuilder AddChecklist(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<ITurnRecognizer>(sp => new ChecklistRecognizer(Path.Combine(CoreSetup.DialogsPath(sp), "checklist.json")));
        services.AddSingleton<ChecklistViews>();
        services.AddTurnHandler<ChecklistWalkthrough>();
        return builder;
    }

    /// <summary>The one entry of every channel: the turn processor and its replies.</summary>
    public static WebApplicationBuilder AddTurn(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<Replies>();
        builder.Services.AddSingleton<TurnProcessor>();
        builder.Services.AddSingleton<ITurnProcessor>(sp => sp.GetRequiredService<TurnProcessor>());
        return builder;
    }

    private static void AddTurnHandler<T>(this IServiceCollection services) where T : class, ITurnHandler
    {
        services.AddSingleton<T>();
        services.AddSingleton<ITurnHandler>(sp => sp.GetRequiredService<T>());
    }

    /// <summary>The topic handlers; <see cref="IntentHandlers"/> refuses a duplicate and a topic of the .lu files without one.</summary>
    private static void AddTopics(IServiceCollection services)
    {
        Type[] handlers =
        [
            typeof(SalaryHandler), typeof(VacanciesHandler), typeof(IntermediariesHandler), typeof(CompetitorsHandler), typeof(GovernmentDemandHandler),
            typeof(TalentPoolHandler), typeof(GovernmentWorkforceHandler), typeof(ContractsAndMobilityHandler), typeof(SearchActivityHandler),
            typeof(ScarcityHandler), typeof(FeasibilityHandler), typeof(DemographicsHandler), typeof(EducationAndBranchHandler), typeof(AmbitionsHandler),
            typeof(WorkingHoursHandler), typeof(TravelTimeHandler), typeof(WebsitesHandler), typeof(AppsHandler), typeof(HobbiesHandler),
            typeof(PullFactorsHandler), typeof(EmploymentConditionsHandler), typeof(RecruitmentQuadrantHandler), typeof(ApproachHandler),
            typeof(ChannelsHandler), typeof(JobSitesHandler), typeof(SocialMediaHandler), typeof(ReferralHandler), typeof(StrategyHandler),
            typeof(ChecklistHandler), typeof(SourcesHandler), typeof(FactsheetHandler), typeof(TargetGroupFollowUpHandler),
            typeof(HelpHandler), typeof(GreetingHandler), typeof(ThanksHandler), typeof(CancelHandler), typeof(NoneHandler), typeof(SwitchLanguageHandler),
        ];
        foreach (var handler in handlers)
        {
            services.AddSingleton(typeof(IIntentHandler), handler);
        }
    }
}
