using System.ComponentModel.DataAnnotations;

namespace AdvisorBot.Understanding;

/// <summary>Where the understanding's data is (section <c>AdvisorBot</c>): the .lu utterances, lexicon.json and the phrase lists.</summary>
public sealed class UnderstandingOptions
{
    public const string Section = "AdvisorBot";

    /// <summary>The folder with the .lu files, responses/, lexicon.json (absolute once the host has resolved it).</summary>
    [Required]
    public string DialogsPath { get; set; } = "dialogs";
}
