using PetriDish.Core.Manifest;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Manifest;

/// <summary>Issue 18: every manifest the repository ships validates against today's plugins and schema.</summary>
public sealed class ShippedManifestTests
{
    public static TheoryData<string> Manifests()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(RepoPaths.Manifests, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepoPaths.Manifests, path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Manifests))]
    public void A_shipped_manifest_validates_apart_from_data_that_is_fetched_separately(string manifest)
    {
        var catalog = Core.Plugins.PluginCatalogLoader.Load([RepoPaths.HostPlugins]);
        var loader = TestContexts.ManifestLoader(catalog);

        var path = Path.Combine(RepoPaths.Manifests, manifest);
        try
        {
            // A benchmark's arms are manifests of their own, validated too.
            var source = ManifestSource.Read(path);
            if (Core.Benchmarking.BenchmarkPlan.Declared(source))
            {
                Core.Benchmarking.BenchmarkPlan.Load(loader, source);
            }
            else
            {
                loader.Load(path);
            }
        }
        catch (ManifestValidationException ex)
        {
            // Full MNIST (scripts/fetch-mnist.sh) and the NAS-Bench-NLP logs (README, "Data") are not in
            // the repository; a manifest that needs them may fail only on them, and must say so.
            var other = ex.Errors.Where(e => !(e.JsonPath is "$.searchSpace.settings.groundTruth.dataset" or "$.searchSpace.settings.groundTruth.logs" && e.Message.Contains("not exist", StringComparison.Ordinal))).ToList();
            Assert.True(other.Count == 0, string.Join(Environment.NewLine, other));
        }
    }
}
