using System.Text.RegularExpressions;
using OrleansMarketData.Gateway.Tests.Infrastructure;

namespace OrleansMarketData.Gateway.Tests.Documentation;

/// <summary>
/// The README stays a front page, and the README and docs/ link only to files and headings that exist: reference
/// material moved between them must not leave a link behind that leads nowhere.
/// </summary>
public sealed partial class DocumentationLinkTests
{
    private const int MaxReadmeLines = 300;

    [Fact]
    public void Readme_is_a_front_page_that_opens_with_the_two_commands()
    {
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "README.md"));
        Assert.True(lines.Length <= MaxReadmeLines, $"README.md has {lines.Length} lines; keep it at most {MaxReadmeLines} and move reference material to docs/");

        var firstBlock = FencedBlock().Match(string.Join('\n', lines));
        Assert.True(firstBlock.Success, "README.md has no code block");
        Assert.Contains("dotnet run --project Gateway", firstBlock.Value);
        Assert.Contains("bash tests/run.sh", firstBlock.Value);
    }

    [Fact]
    public void Every_relative_link_in_the_readme_and_docs_points_at_an_existing_file_and_heading()
    {
        var documents = new[] { Path.Combine(Repository.Root, "README.md") }
            .Concat(Directory.GetFiles(Path.Combine(Repository.Root, "docs"), "*.md"))
            .ToList();
        Assert.True(documents.Count > 1, "docs/ holds no Markdown files");

        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var document in documents)
        {
            foreach (var target in RelativeLinks(File.ReadAllText(document)))
            {
                checkedLinks++;
                if (Problem(document, target) is { } problem)
                    broken.Add($"{Path.GetRelativePath(Repository.Root, document)}: ({target}) {problem}");
            }
        }
        Assert.True(checkedLinks > 0, "no relative links found: the link pattern no longer matches");
        Assert.True(broken.Count == 0, "broken links:\n" + string.Join('\n', broken));
    }

    /// <summary>Why a link from a document does not resolve, or null when it does.</summary>
    private static string? Problem(string document, string target)
    {
        var hash = target.IndexOf('#');
        var pathPart = hash < 0 ? target : target[..hash];
        var anchor = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);
        var file = pathPart.Length == 0
            ? document
            : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(document)!, Uri.UnescapeDataString(pathPart)));
        if (!file.StartsWith(Repository.Root, StringComparison.Ordinal)) return "leaves the repository";
        if (Directory.Exists(file)) return anchor is null ? null : "has an anchor on a folder";
        if (!File.Exists(file)) return "no such file";
        if (anchor is null) return null;
        if (!file.EndsWith(".md", StringComparison.OrdinalIgnoreCase)) return "has an anchor on a file that is not Markdown";
        return Anchors(File.ReadAllText(file)).Contains(anchor) ? null : "no such heading";
    }

    /// <summary>The targets of the document's inline links and images that are not absolute URLs, outside code.</summary>
    private static IEnumerable<string> RelativeLinks(string markdown) =>
        InlineLink().Matches(WithoutCode(markdown))
            .Select(m => m.Groups["target"].Value)
            .Where(target => !UrlScheme().IsMatch(target));

    /// <summary>The anchors GitHub gives the document's headings: lower case, punctuation dropped, spaces as hyphens, repeats numbered.</summary>
    private static HashSet<string> Anchors(string markdown)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in WithoutFencedBlocks(markdown).Split('\n'))
        {
            var heading = Heading().Match(line);
            if (!heading.Success) continue;
            var slug = NotInSlug().Replace(heading.Groups["text"].Value.Trim().ToLowerInvariant(), "").Replace(' ', '-');
            var anchor = slug;
            for (var n = 1; !anchors.Add(anchor); n++) anchor = $"{slug}-{n}";
        }
        return anchors;
    }

    private static string WithoutCode(string markdown) => CodeSpan().Replace(WithoutFencedBlocks(markdown), "``");

    private static string WithoutFencedBlocks(string markdown) => FencedBlock().Replace(markdown.ReplaceLineEndings("\n"), "");

    [GeneratedRegex(@"^```[^\n]*\n.*?^```[ \t]*$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex FencedBlock();

    [GeneratedRegex(@"`[^`\n]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"!?\[[^\]\n]*\]\((?<target>[^)\s]+)\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]*:")]
    private static partial Regex UrlScheme();

    [GeneratedRegex(@"^#{1,6}[ \t]+(?<text>.+?)[ \t#]*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"[^\p{L}\p{Mn}\p{Nd}\p{Pc} \-]")]
    private static partial Regex NotInSlug();
}
