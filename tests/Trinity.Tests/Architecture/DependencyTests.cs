using System.Reflection;
using System.Xml.Linq;
using Trinity.Bench.Load.Launch;

namespace Trinity.Tests.Architecture;

/// <summary>Fails when a project references another Trinity project that docs/ARCHITECTURE.md does not allow, whether
/// declared in a project file or compiled into an assembly's references.</summary>
public sealed class DependencyTests
{
    private static readonly string SourceRoot = Path.Combine(
        RepositoryPaths.Root() ?? throw new InvalidOperationException("Trinity.sln not found above " + AppContext.BaseDirectory), "src");

    public static TheoryData<string> Projects() => new(Directory.GetDirectories(SourceRoot).Select(Path.GetFileName).OfType<string>().Order());

    [Theory]
    [MemberData(nameof(Projects))]
    public void ProjectFile_ReferencesOnlyAllowedProjects(string project)
    {
        var allowed = Allowed(project);
        var file = Path.Combine(SourceRoot, project, project + ".csproj");
        var references = XDocument.Load(file).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value.Replace('\\', '/')))
            .ToArray();

        var forbidden = references.Except(allowed).ToArray();
        Assert.True(forbidden.Length == 0, $"{project} references {string.Join(", ", forbidden)}; docs/ARCHITECTURE.md allows only: {string.Join(", ", allowed)}");
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void Assembly_ReferencesOnlyAllowedAssemblies(string project)
    {
        var allowed = Allowed(project);
        var path = Path.Combine(AppContext.BaseDirectory, project + ".dll");
        Assert.True(File.Exists(path), $"{path} is not beside the tests: does the test project reference {project}?");
        var references = Assembly.LoadFrom(path).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("Trinity.", StringComparison.Ordinal))
            .ToArray();

        var forbidden = references.Except(allowed).ToArray();
        Assert.True(forbidden.Length == 0, $"{project}.dll uses {string.Join(", ", forbidden)}; docs/ARCHITECTURE.md allows only: {string.Join(", ", allowed)}");
    }

    [Fact]
    public void Gateway_ReferencesNoExecutable()
    {
        var file = Path.Combine(SourceRoot, "Trinity.Gateway", "Trinity.Gateway.csproj");
        var executables = XDocument.Load(file).Descendants("ProjectReference")
            .Select(e => Path.Combine(SourceRoot, "Trinity.Gateway", e.Attribute("Include")!.Value.Replace('\\', '/')))
            .Where(p => XDocument.Load(p).Descendants("OutputType").Any(o => o.Value == "Exe"))
            .Select(Path.GetFileNameWithoutExtension)
            .ToArray();

        Assert.Empty(executables);
    }

    private static string[] Allowed(string project)
    {
        Assert.True(AllowedDependencies.Map.TryGetValue(project, out var allowed), $"{project} has no place in the dependency graph: add it to docs/ARCHITECTURE.md and {nameof(AllowedDependencies)}");
        return allowed!;
    }
}
