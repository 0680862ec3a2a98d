using System.Security.Cryptography;
using System.Text;

namespace CareTracking.CaseSystemClient;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5, SHA-1): the same namespace and name always give the same id, so a
/// second run of a client that derives its event ids this way is answered by the services as retries and
/// appends nothing.
/// </summary>
public static class NameBasedIds
{
    public static Guid Derive(Guid space, string name)
    {
        var bytes = space.ToByteArray(bigEndian: true).Concat(Encoding.UTF8.GetBytes(name)).ToArray();
        var hash = SHA1.HashData(bytes);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }
}
