// Shared by the MSBuild inline task (build/TorchSharp.Native.targets) and the unit tests.
// Written against netstandard2.0-era APIs only, because RoslynCodeTaskFactory compiles it
// for whatever MSBuild runs on.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace PetriDish.Build
{
    /// <summary>
    /// Marks symbol-version requirements of an ELF shared object as weak when the system library
    /// that should satisfy them lacks those versions.
    /// </summary>
    /// <remarks>
    /// TorchSharp 0.107.0's libLibTorchSharp.so requires GLIBCXX_3.4.32 only for
    /// std::ios_base_library_init, a link-time marker that is never called. Debian 12's libstdc++
    /// ends at 3.4.30, so ld.so refuses the library. A requirement flagged VER_FLG_WEAK is reported
    /// but not enforced, which is exactly the behaviour we need. Only copies in build outputs are
    /// patched, never the NuGet cache.
    /// </remarks>
    public static class ElfVersionRequirementPatcher
    {
        private const uint ShtGnuVerdef = 0x6ffffffd;
        private const uint ShtGnuVerneed = 0x6ffffffe;
        private const ushort VerFlagWeak = 0x2;

        /// <summary>The version names (e.g. GLIBCXX_3.4.30) that an ELF shared object defines.</summary>
        public static HashSet<string> ReadDefinedVersions(string path)
        {
            var image = File.ReadAllBytes(path);
            var elf = new ElfImage(image);
            var defined = new HashSet<string>(StringComparer.Ordinal);
            foreach (var section in elf.Sections)
            {
                if (section.Type != ShtGnuVerdef)
                {
                    continue;
                }

                var strings = elf.Sections[(int)section.Link];
                long entry = section.Offset;
                for (var i = 0; i < (int)section.Info; i++)
                {
                    var auxOffset = entry + elf.ReadUInt32(entry + 12);
                    var nameOffset = elf.ReadUInt32(auxOffset);
                    defined.Add(elf.ReadString(strings.Offset + nameOffset));
                    var next = elf.ReadUInt32(entry + 16);
                    if (next == 0)
                    {
                        break;
                    }

                    entry += next;
                }
            }

            return defined;
        }

        /// <summary>
        /// Flags as weak every requirement of <paramref name="target"/> on <paramref name="neededFile"/>
        /// whose version is not in <paramref name="available"/>. Returns the names it weakened
        /// (also those already weak), and rewrites the file only when a flag changed.
        /// </summary>
        public static IReadOnlyList<string> WeakenMissingRequirements(string target, string neededFile, ISet<string> available)
        {
            var elf = new ElfImage(File.ReadAllBytes(target));
            var weakened = new List<string>();
            var changed = false;
            foreach (var requirement in ReadRequirements(elf))
            {
                if (requirement.File != neededFile || available.Contains(requirement.Version))
                {
                    continue;
                }

                var flags = elf.ReadUInt16(requirement.FlagsOffset);
                if ((flags & VerFlagWeak) == 0)
                {
                    elf.WriteUInt16(requirement.FlagsOffset, (ushort)(flags | VerFlagWeak));
                    changed = true;
                }

                weakened.Add(requirement.Version);
            }

            if (changed)
            {
                File.WriteAllBytes(target, elf.Bytes);
            }

            return weakened;
        }

        /// <summary>The flags of one version requirement, or null when the file does not require it.</summary>
        public static ushort? ReadRequirementFlags(string target, string neededFile, string version)
        {
            var elf = new ElfImage(File.ReadAllBytes(target));
            foreach (var requirement in ReadRequirements(elf))
            {
                if (requirement.File == neededFile && requirement.Version == version)
                {
                    return elf.ReadUInt16(requirement.FlagsOffset);
                }
            }

            return null;
        }

        // Walks .gnu.version_r: a chain of Elf64_Verneed (one per needed file), each with a chain of
        // Elf64_Vernaux (one per required version); vna_flags sits 4 bytes into a Vernaux.
        private static List<Requirement> ReadRequirements(ElfImage elf)
        {
            var requirements = new List<Requirement>();
            foreach (var section in elf.Sections)
            {
                if (section.Type != ShtGnuVerneed)
                {
                    continue;
                }

                var strings = elf.Sections[(int)section.Link];
                long need = section.Offset;
                for (var i = 0; i < (int)section.Info; i++)
                {
                    var count = elf.ReadUInt16(need + 2);
                    var file = elf.ReadString(strings.Offset + elf.ReadUInt32(need + 4));
                    long aux = need + elf.ReadUInt32(need + 8);
                    for (var j = 0; j < count; j++)
                    {
                        var version = elf.ReadString(strings.Offset + elf.ReadUInt32(aux + 8));
                        requirements.Add(new Requirement(file, version, aux + 4));
                        aux += elf.ReadUInt32(aux + 12);
                    }

                    need += elf.ReadUInt32(need + 12);
                }
            }

            return requirements;
        }

        private sealed class Requirement
        {
            public Requirement(string file, string version, long flagsOffset)
            {
                File = file;
                Version = version;
                FlagsOffset = flagsOffset;
            }

            public string File { get; }

            public string Version { get; }

            public long FlagsOffset { get; }
        }

        private sealed class ElfImage
        {
            private readonly byte[] _image;

            public ElfImage(byte[] image)
            {
                _image = image;
                if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
                {
                    throw new InvalidDataException("not an ELF file");
                }

                if (image[4] != 2 || image[5] != 1)
                {
                    throw new InvalidDataException("only 64-bit little-endian ELF files are supported");
                }

                var sectionHeaders = (long)ReadUInt64(0x28);
                var entrySize = ReadUInt16(0x3A);
                var count = ReadUInt16(0x3C);
                var sections = new List<Section>(count);
                for (var i = 0; i < count; i++)
                {
                    var header = sectionHeaders + (i * entrySize);
                    sections.Add(new Section(
                        ReadUInt32(header + 4),
                        (long)ReadUInt64(header + 0x18),
                        ReadUInt32(header + 0x28),
                        ReadUInt32(header + 0x2C)));
                }

                Sections = sections;
            }

            public IReadOnlyList<Section> Sections { get; }

            public byte[] Bytes => _image;

            public ushort ReadUInt16(long offset) => BitConverter.ToUInt16(_image, Check(offset, 2));

            public uint ReadUInt32(long offset) => BitConverter.ToUInt32(_image, Check(offset, 4));

            public ulong ReadUInt64(long offset) => BitConverter.ToUInt64(_image, Check(offset, 8));

            public void WriteUInt16(long offset, ushort value)
            {
                var at = Check(offset, 2);
                _image[at] = (byte)(value & 0xff);
                _image[at + 1] = (byte)(value >> 8);
            }

            public string ReadString(long offset)
            {
                var start = Check(offset, 1);
                var end = start;
                while (end < _image.Length && _image[end] != 0)
                {
                    end++;
                }

                return Encoding.ASCII.GetString(_image, start, end - start);
            }

            private int Check(long offset, int length)
            {
                if (offset < 0 || offset + length > _image.Length)
                {
                    throw new InvalidDataException("truncated ELF file: offset " + offset + " is outside the file");
                }

                return (int)offset;
            }
        }

        private sealed class Section
        {
            public Section(uint type, long offset, uint link, uint info)
            {
                Type = type;
                Offset = offset;
                Link = link;
                Info = info;
            }

            public uint Type { get; }

            public long Offset { get; }

            public uint Link { get; }

            public uint Info { get; }
        }
    }
}

#if !PETRIDISH_BUILD_TESTS
namespace PetriDish.Build
{
    using Microsoft.Build.Framework;
    using Microsoft.Build.Utilities;

    /// <summary>MSBuild entry point: weakens libstdc++ version requirements the system cannot satisfy.</summary>
    public sealed class WeakenMissingLibStdCxxVersions : Task
    {
        private static readonly string[] SystemLibStdCxxCandidates =
        {
            "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/lib64/libstdc++.so.6",
            "/usr/lib/libstdc++.so.6",
        };

        [Required]
        public ITaskItem[] Files { get; set; } = Array.Empty<ITaskItem>();

        public override bool Execute()
        {
            if (Files.Length == 0 || !System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Linux))
            {
                return true;
            }

            string system = null;
            foreach (var candidate in SystemLibStdCxxCandidates)
            {
                if (File.Exists(candidate))
                {
                    system = candidate;
                    break;
                }
            }

            if (system == null)
            {
                Log.LogMessage(MessageImportance.Normal, "No system libstdc++.so.6 found; libLibTorchSharp.so left unpatched.");
                return true;
            }

            var available = ElfVersionRequirementPatcher.ReadDefinedVersions(system);
            foreach (var item in Files)
            {
                var weakened = ElfVersionRequirementPatcher.WeakenMissingRequirements(item.ItemSpec, "libstdc++.so.6", available);
                if (weakened.Count > 0)
                {
                    Log.LogMessage(MessageImportance.Normal, "Marked " + string.Join(", ", weakened) + " weak in " + item.ItemSpec + " (absent from " + system + ").");
                }
            }

            return true;
        }
    }
}
#endif
