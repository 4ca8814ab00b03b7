namespace AdvisorBot.Knowledge; internal static class Placeholder;
