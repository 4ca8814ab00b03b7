namespace AdvisorBot.Knowledge;

/// <summary>Where the target-group profiles are (section <c>AdvisorBot</c>).</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "AdvisorBot";

    /// <summary>The folder of target-group profiles (*.json); absolute once the host has resolved it.</summary>
    public string ProfilesPath { get; set; } = "profiles";
}
