using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AdvisorBot.Tests.Architecture;

/// <summary>Code a maintainer can read: no source file over 300 lines, no method (or accessor, local function, lambda body of a member) over 40.</summary>
public sealed class CodeSizeTests
{
    public const int MaxFileLines = 300;
    public const int MaxMethodLines = 40;

    private static IEnumerable<string> SourceFiles()
    {
        var root = TestData.RepositoryRoot;
        return Directory.EnumerateFiles(Path.Combine(root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
    }

    [Fact]
    public void SourceFiles_InSrc_AreAtMost300Lines()
    {
        var files = SourceFiles().ToList();
        Assert.NotEmpty(files);
        var tooLong = files.Select(f => (File: Path.GetRelativePath(TestData.RepositoryRoot, f), Lines: File.ReadAllLines(f).Length))
            .Where(f => f.Lines > MaxFileLines).Select(f => $"{f.File}: {f.Lines} lines").ToList();
        Assert.True(tooLong.Count == 0, string.Join("\n", tooLong));
    }

    [Fact]
    public void Methods_InSrc_AreAtMost40Lines()
    {
        var tooLong = new List<string>();
        foreach (var file in SourceFiles())
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(file), path: file);
            foreach (var member in tree.GetRoot().DescendantNodes().Where(IsMethodLike))
            {
                var span = member.GetLocation().GetLineSpan();
                var lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
                if (lines > MaxMethodLines)
                {
                    tooLong.Add($"{Path.GetRelativePath(TestData.RepositoryRoot, file)}:{span.StartLinePosition.Line + 1}: {Name(member)} has {lines} lines");
                }
            }
        }

        Assert.True(tooLong.Count == 0, string.Join("\n", tooLong));
    }

    private static bool IsMethodLike(SyntaxNode node) =>
        node is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax
        || (node is PropertyDeclarationSyntax { ExpressionBody: not null });

    private static string Name(SyntaxNode node) => node switch
    {
        MethodDeclarationSyntax m => m.Identifier.Text,
        ConstructorDeclarationSyntax c => c.Identifier.Text + " (constructor)",
        LocalFunctionStatementSyntax l => l.Identifier.Text + " (local function)",
        PropertyDeclarationSyntax p => p.Identifier.Text,
        AccessorDeclarationSyntax a => a.Keyword.Text + " accessor",
        _ => node.Kind().ToString(),
    };
}
