using System.Security.Cryptography;
using System.Text;

namespace CareTracking.MissingEpisodes;

/// <summary>
/// Name-based UUIDs (RFC 9562 version 5, SHA-1): the same namespace and name always give the same id, so an
/// id derived from a retried request or a redelivered event is the id the first attempt got.
/// </summary>
public static class NameBasedUuid
{
    public static Guid Create(Guid @namespace, string name)
    {
        var namespaceBytes = @namespace.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var hash = SHA1.HashData([.. namespaceBytes, .. nameBytes]);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
