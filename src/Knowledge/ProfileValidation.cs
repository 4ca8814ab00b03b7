using System.Globalization;

namespace AdvisorBot.Knowledge;

/// <summary>One broken rule in a profile file: which file, where (JSON path) and which rule.</summary>
public sealed record ProfileValidationError(string File, string Path, string Rule, string Message)
{
    public override string ToString() => $"{File}: {Path}: {Rule}: {Message}";
}

/// <summary>A profile file that cannot be used; <see cref="Exception.Message"/> is one line naming the first error.</summary>
public sealed class ProfileValidationException : Exception
{
    public ProfileValidationException(IReadOnlyList<ProfileValidationError> errors)
        : base(Summarize(errors)) => Errors = errors;

    public ProfileValidationException() : this([]) { }

    public ProfileValidationException(string message) : base(message) => Errors = [];

    public ProfileValidationException(string message, Exception innerException) : base(message, innerException) => Errors = [];

    public IReadOnlyList<ProfileValidationError> Errors { get; }

    private static string Summarize(IReadOnlyList<ProfileValidationError> errors) => errors.Count switch
    {
        0 => "Invalid target-group profile.",
        1 => $"Invalid target-group profile: {errors[0]}",
        _ => string.Create(CultureInfo.InvariantCulture, $"Invalid target-group profile: {errors[0]} (and {errors.Count - 1} more)"),
    };
}
