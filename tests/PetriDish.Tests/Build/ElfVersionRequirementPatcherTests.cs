using PetriDish.Build;
using PetriDish.Tests.Infrastructure;

namespace PetriDish.Tests.Build;

public sealed class ElfVersionRequirementPatcherTests
{
    private static string PackagedLibTorchSharp =>
        Path.Combine(Environment.GetEnvironmentVariable("NUGET_PACKAGES") ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            "torchsharp", "0.107.0", "runtimes", "linux-x64", "native", "libLibTorchSharp.so");

    [Fact]
    public void Weakens_exactly_the_libstdcxx_versions_the_given_library_lacks()
    {
        using var temp = new TempDirectory();
        var copy = temp.File("libLibTorchSharp.so");
        File.Copy(PackagedLibTorchSharp, copy);
        Assert.Equal((ushort)0, ElfVersionRequirementPatcher.ReadRequirementFlags(copy, "libstdc++.so.6", "GLIBCXX_3.4.32"));

        // A libstdc++ that knows everything TorchSharp needs except 3.4.32 (Debian 12's situation).
        var available = new HashSet<string>(["GLIBCXX_3.4.30", "GLIBCXX_3.4.29", "GLIBCXX_3.4.26", "GLIBCXX_3.4.22", "GLIBCXX_3.4.20", "GLIBCXX_3.4.19", "GLIBCXX_3.4.18", "GLIBCXX_3.4.15", "GLIBCXX_3.4.14", "GLIBCXX_3.4.11", "GLIBCXX_3.4.9", "GLIBCXX_3.4", "CXXABI_1.3.13", "CXXABI_1.3.5", "CXXABI_1.3.3", "CXXABI_1.3.1", "CXXABI_1.3", "GLIBCXX_3.4.21", "CXXABI_1.3.9", "CXXABI_1.3.8", "CXXABI_1.3.2", "CXXABI_1.3.7", "GLIBCXX_3.4.13"]);
        var weakened = ElfVersionRequirementPatcher.WeakenMissingRequirements(copy, "libstdc++.so.6", available);

        Assert.Equal(["GLIBCXX_3.4.32"], weakened);
        Assert.Equal((ushort)2, ElfVersionRequirementPatcher.ReadRequirementFlags(copy, "libstdc++.so.6", "GLIBCXX_3.4.32"));
        Assert.Equal((ushort)0, ElfVersionRequirementPatcher.ReadRequirementFlags(copy, "libstdc++.so.6", "GLIBCXX_3.4.30"));
        Assert.Equal((ushort)0, ElfVersionRequirementPatcher.ReadRequirementFlags(copy, "libc.so.6", "GLIBC_2.34"));
        // Nothing but that one flag changed.
        var original = File.ReadAllBytes(PackagedLibTorchSharp);
        var patched = File.ReadAllBytes(copy);
        Assert.Equal(1, original.Zip(patched).Count(pair => pair.First != pair.Second));
    }

    [Fact]
    public void Reads_the_versions_the_system_libstdcxx_defines()
    {
        var defined = ElfVersionRequirementPatcher.ReadDefinedVersions("/usr/lib/x86_64-linux-gnu/libstdc++.so.6");

        Assert.Contains("GLIBCXX_3.4.30", defined);
        Assert.Contains("CXXABI_1.3.13", defined);
    }

    [Fact]
    public void The_build_output_is_patched_for_this_system()
    {
        var system = ElfVersionRequirementPatcher.ReadDefinedVersions("/usr/lib/x86_64-linux-gnu/libstdc++.so.6");
        var output = Path.Combine(AppContext.BaseDirectory, "runtimes", "linux-x64", "native", "libLibTorchSharp.so");
        var flags = ElfVersionRequirementPatcher.ReadRequirementFlags(output, "libstdc++.so.6", "GLIBCXX_3.4.32");

        Assert.Equal(system.Contains("GLIBCXX_3.4.32") ? (ushort)0 : (ushort)2, flags);
    }

    [Fact]
    public void A_file_that_is_not_elf_is_refused()
    {
        using var temp = new TempDirectory();
        var path = temp.Write("not-elf.so", "hello");

        Assert.Throws<InvalidDataException>(() => ElfVersionRequirementPatcher.ReadDefinedVersions(path));
    }
}
