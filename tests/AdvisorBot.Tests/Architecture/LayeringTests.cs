using System.Reflection;
using NetArchTest.Rules;

namespace AdvisorBot.Tests.Architecture;

/// <summary>
/// The flow of one turn is the layout: channel → protocol → turn → understanding → handler → knowledge → card view
/// model → card → protocol → channel. The dependencies between the top-level parts, read from the compiled code
/// (every type reference, not just <c>using</c> lines), must follow these rules and form no cycle.
/// </summary>
public sealed class LayeringTests
{
    private static readonly Assembly Service = typeof(Program).Assembly;
    private static readonly Assembly Knowledge = typeof(AdvisorBot.Knowledge.ITargetGroupCatalog).Assembly;

    /// <summary>The top-level parts of the service, by namespace.</summary>
    private static readonly string[] Parts =
        ["Protocol", "State", "Understanding", "Cards", "Dialogs", "Features", "Turn", "Channels", "Hosting"];

    /// <summary>What each part must never use.</summary>
    private static readonly Dictionary<string, string[]> Forbidden = new()
    {
        ["Protocol"] = ["State", "Understanding", "Cards", "Dialogs", "Features", "Turn", "Channels", "Hosting"],
        ["State"] = ["Understanding", "Cards", "Dialogs", "Features", "Turn", "Channels", "Hosting"],
        ["Understanding"] = ["Cards", "Dialogs", "Features", "Turn", "Channels", "Hosting", "State"],
        ["Cards"] = ["Dialogs", "Features", "Turn", "Channels", "Hosting", "State", "Understanding"],
        ["Dialogs"] = ["Features", "Turn", "Channels", "Hosting"],
        ["Features"] = ["Turn", "Channels", "Hosting"],
        ["Turn"] = ["Channels", "Hosting"],
        ["Channels"] = ["Dialogs", "Features", "Hosting", "Understanding"],
    };

    private static string Ns(string part) => "AdvisorBot." + part;

    /// <summary>The parts <paramref name="part"/> uses, with a type that shows each use.</summary>
    private static Dictionary<string, string> UsesOf(string part)
    {
        var uses = new Dictionary<string, string>();
        foreach (var other in Parts.Where(p => p != part))
        {
            var result = Types.InAssembly(Service).That().ResideInNamespace(Ns(part)).ShouldNot().HaveDependencyOn(Ns(other)).GetResult();
            if (!result.IsSuccessful)
            {
                uses[other] = result.FailingTypeNames?.FirstOrDefault() ?? "?";
            }
        }

        return uses;
    }

    [Fact]
    public void Knowledge_ReferencedAssemblies_IncludeNeitherTheServiceNorAspNet()
    {
        var referenced = Knowledge.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(referenced, n => n.StartsWith("AdvisorBot", StringComparison.Ordinal) && n != "AdvisorBot.Knowledge");
        Assert.DoesNotContain(referenced, n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryType_InTheService_LivesInOneOfTheParts()
    {
        var strays = Service.GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith("AdvisorBot", StringComparison.Ordinal) && !Parts.Any(p => ns == Ns(p) || ns.StartsWith(Ns(p) + ".", StringComparison.Ordinal)))
            .Select(t => t.FullName).ToList();
        Assert.Empty(strays);
    }

    [Theory]
    [MemberData(nameof(Rules))]
    public void Part_EachRule_UsesNoForbiddenPart(string part)
    {
        var uses = UsesOf(part);
        var broken = Forbidden[part].Where(uses.ContainsKey).Select(f => $"{part} → {f} (e.g. {uses[f]})").ToList();
        Assert.True(broken.Count == 0, string.Join("\n", broken));
    }

    public static TheoryData<string> Rules() => [.. Forbidden.Keys];

    [Fact]
    public void Parts_Dependencies_FormNoCycle()
    {
        var graph = Parts.ToDictionary(p => p, p => UsesOf(p).Keys.ToList());
        var cycles = new List<string>();
        foreach (var start in Parts)
        {
            // A path back to the start is a cycle.
            var stack = new Stack<List<string>>([[start]]);
            var seen = new HashSet<string>();
            while (stack.Count > 0)
            {
                var path = stack.Pop();
                foreach (var next in graph[path[^1]])
                {
                    if (next == start)
                    {
                        cycles.Add(string.Join(" → ", path.Append(start)));
                    }
                    else if (seen.Add(next))
                    {
                        stack.Push([.. path, next]);
                    }
                }
            }
        }

        Assert.True(cycles.Count == 0, "Cycles between top-level parts:\n" + string.Join("\n", cycles.Distinct()));
    }
}
