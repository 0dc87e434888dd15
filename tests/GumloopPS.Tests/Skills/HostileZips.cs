using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Text;

namespace GumloopPS.Tests.Skills;

/// <summary>Archives no honest tool makes: entries that climb out, absolute names, and a 1 GB zip bomb built in milliseconds.</summary>
internal static class HostileZips
{
    public const string SkillMd = "---\nname: churn-signals\ndescription: Checklist of churn signals to scan for.\n---\n\n# Churn signals\n";

    /// <summary>A zip whose entries have exactly these names (ZipArchive writes a name as given).</summary>
    public static byte[] WithEntries(params (string Name, string Text)[] entries)
    {
        using var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var s = zip.CreateEntry(name).Open();
                var bytes = Encoding.UTF8.GetBytes(text);
                s.Write(bytes, 0, bytes.Length);
            }
        }

        return ms.ToArray();
    }

    /// <summary>
    /// SKILL.md plus bomb.bin, a deflate stream of <paramref name="expandedMegabytes"/> MB of zeros (about 1 KB per MB).
    /// One MB of zeros is deflated once with a sync flush, which ends on a byte boundary with no final block; that
    /// piece repeated is a valid stream of repeated zeros, closed by an empty final block. The header declares
    /// <paramref name="declaredBytes"/> (the true size when null; a small number for a bomb whose header lies) and a
    /// CRC that is never reached, because every reader under test stops long before the end.
    /// </summary>
    public static byte[] Bomb(int expandedMegabytes = 1024, long? declaredBytes = null)
    {
        byte[] piece;
        using (var raw = new MemoryStream())
        {
            var deflate = new DeflateStream(raw, CompressionLevel.SmallestSize, leaveOpen: true);
            deflate.Write(new byte[1024 * 1024], 0, 1024 * 1024);
            deflate.Flush();
            piece = raw.ToArray();
        }

        using var data = new MemoryStream();
        for (int i = 0; i < expandedMegabytes; i++) data.Write(piece, 0, piece.Length);
        data.Write(new byte[] { 0x03, 0x00 }, 0, 2); // final block, fixed Huffman, end-of-block only
        byte[] compressed = data.ToArray();
        long expanded = (long)expandedMegabytes * 1024 * 1024;
        byte[] skill = Encoding.UTF8.GetBytes(SkillMd);

        using var zip = new MemoryStream();
        var central = new List<byte[]>();
        var w = new BinaryWriter(zip);
        void Entry(string name, byte[] body, ushort method, long size, uint crc)
        {
            long offset = zip.Position;
            byte[] n = Encoding.ASCII.GetBytes(name);
            w.Write(0x04034b50u); w.Write((ushort)20); w.Write((ushort)0); w.Write(method); w.Write(0u);
            w.Write(crc); w.Write((uint)body.Length); w.Write((uint)size); w.Write((ushort)n.Length); w.Write((ushort)0);
            w.Write(n); w.Write(body);
            using var c = new MemoryStream();
            var cw = new BinaryWriter(c);
            cw.Write(0x02014b50u); cw.Write((ushort)20); cw.Write((ushort)20); cw.Write((ushort)0); cw.Write(method); cw.Write(0u);
            cw.Write(crc); cw.Write((uint)body.Length); cw.Write((uint)size); cw.Write((ushort)n.Length); cw.Write((ushort)0); cw.Write((ushort)0);
            cw.Write((ushort)0); cw.Write((ushort)0); cw.Write(0u); cw.Write((uint)offset); cw.Write(n);
            central.Add(c.ToArray());
        }

        Entry("SKILL.md", skill, 0, skill.Length, Crc32(skill));
        Entry("bomb.bin", compressed, 8, Math.Min(declaredBytes ?? expanded, uint.MaxValue), 0);
        long start = zip.Position;
        foreach (var c in central) w.Write(c);
        long size2 = zip.Position - start;
        w.Write(0x06054b50u); w.Write((ushort)0); w.Write((ushort)0); w.Write((ushort)central.Count); w.Write((ushort)central.Count);
        w.Write((uint)size2); w.Write((uint)start); w.Write((ushort)0);
        w.Flush();
        return zip.ToArray();
    }

    private static uint Crc32(byte[] bytes)
    {
        uint crc = 0xFFFFFFFF;
        foreach (byte b in bytes)
        {
            crc ^= b;
            for (int k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }

        return ~crc;
    }
}
