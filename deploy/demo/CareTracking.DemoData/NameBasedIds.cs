using System.Security.Cryptography;
using System.Text;

namespace CareTracking.DemoData;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5, SHA-1): the same seed, child and step always give the same event id,
/// so a second run of the demo is answered by the services as retries and appends nothing.
/// </summary>
public static class NameBasedIds
{
    private static readonly Guid DemoNamespace = new("c4e1f0a2-8d3b-5b7e-9a61-3f2d0c831dea");

    public static Guid For(int seed, string childId, string step) =>
        Derive(DemoNamespace, $"{seed}/{childId}/{step}");

    public static Guid Derive(Guid space, string name)
    {
        var bytes = space.ToByteArray(bigEndian: true).Concat(Encoding.UTF8.GetBytes(name)).ToArray();
        var hash = SHA1.HashData(bytes);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
